# CellScript — two commands on a fresh machine: `make demo` and `make test`.
# Both install what is missing (Debian packages via apt-get), then build.

SWIFT      ?= swift
CELL_DEBUG  = .build/debug/cell
CELL        = .build/release/cell
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build release demo test bench bench-peers fuzz clean

all: build

# System packages the build and the tests need: libedit (REPL), pkg-config (to find it),
# tmux (REPL tests drive a real terminal), librsvg2-bin (tests render SVG plots to PNG).
deps:
	@missing=""; \
	pkg-config --exists libedit 2>/dev/null || missing="$$missing libedit-dev pkg-config"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	command -v rsvg-convert >/dev/null 2>&1 || missing="$$missing librsvg2-bin"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product cell

# Builds, then runs the quickstart tour into out/quickstart/ (report, plots, CSV).
demo: release
	$(CELL) run examples/quickstart.cell --out out/quickstart --report
	@echo "demo written to out/quickstart/ (open out/quickstart/report.html)"

# The whole suite: unit tests of every module, the golden tree, the REPL in tmux, the examples.
test: deps
	$(SWIFT) build
	$(SWIFT) test --parallel
	$(CELL_DEBUG) test examples/*.cell --out out/test-examples

# Micro-benchmarks (cell-bench), then whole `cell` processes (docs/performance.md); no network.
bench: deps
	$(SWIFT) build -c release --product cell-bench
	.build/release/cell-bench
	$(SWIFT) build -c release --product cell
	python3 docs/scripts/bench_peers.py --runs 5

# The same side by side with impedance.py and PyBaMM, installed into a throwaway venv (network).
bench-peers: deps
	SWIFT=$(SWIFT) sh docs/scripts/bench_peers.sh

# `make fuzz FUZZ_SECONDS=60`: libFuzzer for FUZZ_SECONDS per target over recipes (lexer →
# parser → checker, Tests/fuzz/RecipeFuzzer.swift) and over the data-file readers
# (Tests/fuzz/DataFuzzer.swift). The package is built apart (release, -sanitize=fuzzer, in
# $(FUZZ_BUILD)) and swiftc links the entry files with its objects, so `swift build` and
# `swift test` never see a sanitizer flag. Seeds: the golden inputs, examples, stdlib and the
# EIS samples; new inputs go to $(FUZZ_OUT)/<target>-corpus, crashers to $(FUZZ_OUT)/crashes
# (keep each as a golden under Tests/GoldenTests/Golden/input/robustness). See docs/robustness.md.
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= .build/fuzz
FUZZ_OUT     ?= out/fuzz
FUZZ_FLAGS   ?= -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
# Longest input tried: recipes of 2 KiB reach every construct; data files need room for headers.
FUZZ_RECIPE_MAX_LEN ?= 2048
FUZZ_DATA_MAX_LEN   ?= 32768
FUZZ_SUMMARY  = '^(Done|stat::|==[0-9]+== ERROR|SUMMARY)|Test unit written|deadly signal'
FUZZ_MODULES  = CellDiagnostics CellUnits CellSyntax CellNumerics CellPhysics CellData CellOutput \
                CellRuntime ComplexModule RealModule _NumericsShims
FUZZ_LINK     = -sanitize=fuzzer -parse-as-library -O -I $(FUZZ_BUILD)/release/Modules \
                -Xcc -fmodule-map-file=$$(find $(FUZZ_BUILD)/checkouts/swift-numerics/Sources/_NumericsShims -name module.modulemap | head -1)
FUZZ_OBJECTS  = $$(for m in $(FUZZ_MODULES); do ls $(FUZZ_BUILD)/release/$$m.build/*.o; done)
FUZZ_DATA_SEEDS = Tests/CellDataTests/Fixtures $(firstword $(wildcard ../shared/data/eis-samples /work/shared/data/eis-samples))

fuzz: deps
	$(SWIFT) build -c release --build-path $(FUZZ_BUILD) --target CellRuntime -Xswiftc -sanitize=fuzzer
	swiftc $(FUZZ_LINK) Tests/fuzz/RecipeFuzzer.swift $(FUZZ_OBJECTS) -o $(FUZZ_BUILD)/fuzz-recipe
	swiftc $(FUZZ_LINK) Tests/fuzz/DataFuzzer.swift $(FUZZ_OBJECTS) -o $(FUZZ_BUILD)/fuzz-data
	mkdir -p $(FUZZ_OUT)/recipe-corpus $(FUZZ_OUT)/data-corpus $(FUZZ_OUT)/crashes
	CELL_STDLIB=$(CURDIR)/stdlib $(FUZZ_BUILD)/fuzz-recipe $(FUZZ_OUT)/recipe-corpus \
	  Tests/GoldenTests/Golden/input $(wildcard examples) stdlib -max_len=$(FUZZ_RECIPE_MAX_LEN) \
	  -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=$(FUZZ_OUT)/crashes/recipe- $(FUZZ_FLAGS) \
	  > $(FUZZ_OUT)/recipe.log 2>&1; status=$$?; grep -E $(FUZZ_SUMMARY) $(FUZZ_OUT)/recipe.log; exit $$status
	$(FUZZ_BUILD)/fuzz-data $(FUZZ_OUT)/data-corpus $(FUZZ_DATA_SEEDS) -max_len=$(FUZZ_DATA_MAX_LEN) \
	  -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=$(FUZZ_OUT)/crashes/data- $(FUZZ_FLAGS) \
	  > $(FUZZ_OUT)/data.log 2>&1; status=$$?; grep -E $(FUZZ_SUMMARY) $(FUZZ_OUT)/data.log; exit $$status

clean:
	rm -rf .build out
