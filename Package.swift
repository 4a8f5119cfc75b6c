// swift-tools-version: 6.0
// CellScript: a language, interpreter and simulator for solid-state lithium battery research.
// Targets are split by concern (see docs/architecture.md): diagnostics and syntax know nothing of
// physics; numerics and physics know nothing of the language; the runtime is where they meet.
import PackageDescription

let package = Package(
    name: "CellScript",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cell", targets: ["cell"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/google/swift-benchmark", from: "0.1.2"),
    ],
    targets: [
        // Source files, spans, the diagnostic catalogue and its renderer.
        .target(name: "CellDiagnostics"),
        // Dimensions, units, quantities and unit-expression parsing.
        .target(name: "CellUnits"),
        // Lexer, AST and hand-written recursive-descent parser.
        .target(name: "CellSyntax", dependencies: ["CellDiagnostics", "CellUnits"]),
        // Complex math, linear algebra, time stepping, fitting, circuits.
        .target(name: "CellNumerics", dependencies: [
            .product(name: "ComplexModule", package: "swift-numerics"),
            .product(name: "RealModule", package: "swift-numerics"),
        ]),
        // Materials, stack → circuit, transport model, interface and CCD models (no language).
        .target(name: "CellPhysics", dependencies: [
            "CellNumerics", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        // Readers for measured data: instrument EIS files, voltage traces.
        .target(name: "CellData", dependencies: ["CellNumerics"]),
        // Confined atomic file writes, CSV/JSON export, SVG plots, HTML report.
        .target(name: "CellOutput", dependencies: ["CellNumerics"]),
        // Checker and evaluator: the only place language meets physics.
        .target(name: "CellRuntime", dependencies: [
            "CellDiagnostics", "CellSyntax", "CellUnits", "CellNumerics", "CellPhysics",
            "CellData", "CellOutput",
        ]),
        // libedit through a system-library target (Debian: libedit-dev).
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        // Line readers (libedit and plain) and the REPL session loop.
        .target(name: "CellREPL", dependencies: ["CLibEdit", "CellDiagnostics"]),
        // The `cell` command: thin ArgumentParser subcommands.
        .executableTarget(name: "cell", dependencies: [
            "CellRuntime", "CellREPL", "CellNumerics", "CellData", "CellOutput", "CellDiagnostics",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `make bench`: in-process benchmarks (google/swift-benchmark).
        .executableTarget(name: "cell-bench", dependencies: [
            "CellNumerics", "CellPhysics", "CellRuntime",
            .product(name: "Benchmark", package: "swift-benchmark"),
        ]),

        .testTarget(name: "CellDiagnosticsTests", dependencies: ["CellDiagnostics"]),
        .testTarget(name: "CellUnitsTests", dependencies: ["CellUnits"]),
        .testTarget(name: "CellSyntaxTests", dependencies: ["CellSyntax"]),
        .testTarget(name: "CellNumericsTests", dependencies: ["CellNumerics"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "CellPhysicsTests", dependencies: ["CellPhysics"], exclude: ["Fixtures"]),
        .testTarget(name: "CellDataTests", dependencies: ["CellData"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CellOutputTests", dependencies: ["CellOutput"]),
        .testTarget(name: "CellRuntimeTests", dependencies: ["CellRuntime"]),
        .testTarget(name: "CellREPLTests", dependencies: ["CellREPL"]),
        // Golden tree: Tests/GoldenTests/Golden/input/<feature>/x.cell ↔ output/<feature>/x.out|x.err
        .testTarget(name: "RobustnessTests", dependencies: ["CellRuntime", "CellSyntax", "CellData", "CellDiagnostics"]),
        .testTarget(name: "GoldenTests", dependencies: ["CellRuntime", "CellDiagnostics"],
                    exclude: ["Golden"]),
    ]
)
