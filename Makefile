# CellScript — two commands on a fresh machine: `make demo` and `make test`.
# Both install what is missing (Debian packages via apt-get), then build.

SWIFT      ?= swift
CELL_DEBUG  = .build/debug/cell
CELL        = .build/release/cell
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build release demo test bench fuzz clean

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

bench: deps
	$(SWIFT) build -c release --product cell-bench
	.build/release/cell-bench

clean:
	rm -rf .build out
