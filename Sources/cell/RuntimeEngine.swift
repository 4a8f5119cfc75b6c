import CellDiagnostics
import CellREPL
import CellRuntime
import CellSyntax
import CellUnits
import Foundation

/// The REPL's language side: one interpreter whose user scope persists across entries.
final class RuntimeEngine: REPLEngine {
    private var interpreter: Interpreter
    private let options: RunOptions
    private var entryCount = 0
    private let renderer: DiagnosticRenderer
    private var buffer: [String] = []

    /// Words the completer offers besides names in scope.
    static let keywords = ["let", "fn", "print", "expect", "within", "for", "in", "if", "else", "use", "return",
                           "material", "from", "cell", "layer", "interlayer", "interface", "coating", "on",
                           "protocol", "run", "fit", "to", "vary", "load", "circuit", "export", "plot", "vs",
                           "table", "and", "or", "not", "true", "false", "at", "step",
                           "charge", "discharge", "rest", "hold", "polarize", "plate", "strip", "eis", "ccd",
                           "set", "repeat", "until", "per", "decade", "amplitude"]

    init(outputDirectory: String, color: Bool) {
        options = RunOptions(mode: .run, outputDirectory: outputDirectory, stdlibDirectory: Recipe.locateStdlib())
        renderer = DiagnosticRenderer(color: color)
        interpreter = Interpreter(options: options)
        configure()
    }

    private func configure() {
        interpreter.allowsRebinding = true
        interpreter.printer = { [unowned self] line in self.buffer.append(line) }
        let problems = interpreter.loadStdlib()
        if !problems.isEmpty { buffer.append(renderer.render(problems)) }
    }

    func needsMoreInput(_ text: String) -> Bool { !Parser.isComplete(text) }

    func evaluate(_ text: String) -> REPLOutput {
        entryCount += 1
        return Interrupts.whileEvaluating { run(SourceFile(path: "<repl>", text: text), showLastValue: true) }
    }

    private func run(_ file: SourceFile, showLastValue: Bool) -> REPLOutput {
        let bag = DiagnosticBag()
        let program = Parser.parse(file, diagnostics: bag)
        if bag.hasErrors { return .failure(renderer.render(bag.diagnostics)) }
        let expectsBefore = interpreter.expects.count
        let warningsBefore = interpreter.warnings.diagnostics.count
        let value = interpreter.execute(program, diagnostics: bag)
        var out = buffer
        buffer = []
        // Like Python: an entry that is a bare expression shows its value.
        if showLastValue, let value, bag.errors.isEmpty {
            if case .none = value {} else { out.append(Interpreter.describe(value, nested: false)) }
        }
        var err = renderer.render(bag.diagnostics + interpreter.warnings.diagnostics.dropFirst(warningsBefore))
        var failed = bag.hasErrors
        for e in interpreter.expects.dropFirst(expectsBefore) {
            if e.passed {
                out.append("pass: \(e.detail)")
            } else {
                failed = true
                err += renderer.render(e.diagnostic)
            }
        }
        return REPLOutput(stdout: out.map { $0 + "\n" }.joined(), stderr: err, failed: failed)
    }

    func completions(line: String, cursor: Int) -> [String] {
        let bytes = Array(line.utf8.prefix(cursor))
        var start = bytes.count
        while start > 0, Self.isWordByte(bytes[start - 1]) { start -= 1 }
        let word = String(decoding: bytes[start...], as: UTF8.self)
        // `name.` → the members of that value
        if start > 0, bytes[start - 1] == UInt8(ascii: ".") {
            var baseStart = start - 1
            while baseStart > 0, Self.isWordByte(bytes[baseStart - 1]) { baseStart -= 1 }
            let base = String(decoding: bytes[baseStart..<(start - 1)], as: UTF8.self)
            return members(of: base).filter { $0.hasPrefix(word) }.sorted()
        }
        // after a number: units
        var k = start
        while k > 0, bytes[k - 1] == UInt8(ascii: " ") { k -= 1 }
        if k < start, k > 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[k - 1]) {
            return UnitTable.allSymbols.filter { $0.hasPrefix(word) }
        }
        guard !word.isEmpty else { return [] }
        let names = Set(Self.keywords + interpreter.scope.allNames)
        return names.filter { $0.hasPrefix(word) }.sorted()
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "_") || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }

    private func members(of name: String) -> [String] {
        switch interpreter.scope.lookup(name) {
        case .material(let m)?: return m.fields.map(\.name) + ["kind"]
        case .cell(let c)?: return c.layers.map(\.name) + c.fields.map(\.name) + ["name", "stack"]
        case .record(let r)?: return r.names
        case .table(let t)?: return t.columns
        case .object(let o)?: return o.memberNames
        case .layer(let l)?: return l.fields.map(\.name) + l.material.fields.map(\.name) + ["material"]
        default: return []
        }
    }

    func materialsListing() -> String {
        interpreter.scope.allNames.sorted().compactMap { name -> String? in
            guard case .material(let m)? = interpreter.scope.lookup(name), name == m.identifier else { return nil }
            let kind = m.kind.map { $0.rawValue } ?? ""
            return "\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(m.displayName) (\(kind))"
        }.joined(separator: "\n")
    }

    func unitsListing() -> String {
        var groups: [String: [String]] = [:]
        for s in UnitTable.allSymbols {
            guard let u = UnitTable.lookup(s) else { continue }
            groups[u.dimension.displayName, default: []].append(s)
        }
        return groups.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: " "))" }.joined(separator: "\n")
    }

    func fieldsListing(material: String) -> REPLOutput {
        guard case .material(let m)? = interpreter.scope.lookup(material) else {
            let names = interpreter.scope.allNames.filter {
                if case .material? = interpreter.scope.lookup($0) { return true } else { return false }
            }
            let hint = Suggestions.closest(to: material, in: names).map { " (did you mean `\($0)`?)" } ?? ""
            return .failure("error: no material `\(material)`\(hint)\n")
        }
        let lines = m.fields.map { "\($0.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Interpreter.describe($0.value, nested: false))" }
        return .success(lines.joined(separator: "\n") + "\n")
    }

    func reset() {
        interpreter.reset()
        buffer = []
    }

    func load(path: String) -> REPLOutput {
        switch Recipe.read(path: path) {
        case .failure(let d): return .failure(renderer.render(d))
        case .success(let file): return Interrupts.whileEvaluating { run(file, showLastValue: false) }
        }
    }
}
