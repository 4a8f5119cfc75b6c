// The seam between the REPL machinery (this module) and the language (CellRuntime).
// The session never parses or evaluates CellScript itself: it asks an engine.

/// What one evaluation produced: text for stdout, text for stderr (diagnostics already
/// rendered), and whether it failed (a diagnostic of error severity or a failed `expect`).
public struct REPLOutput: Sendable, Equatable {
    public var stdout: String
    public var stderr: String
    public var failed: Bool

    public init(stdout: String = "", stderr: String = "", failed: Bool = false) {
        self.stdout = stdout
        self.stderr = stderr
        self.failed = failed
    }

    /// Only text on stdout, not a failure.
    public static func success(_ stdout: String) -> REPLOutput { REPLOutput(stdout: stdout) }

    /// Only text on stderr, a failure.
    public static func failure(_ stderr: String) -> REPLOutput {
        REPLOutput(stderr: stderr, failed: true)
    }
}

/// The language side of a REPL, implemented by the runtime.
///
/// An engine keeps the bindings of the session: each `evaluate` sees what earlier entries
/// defined, until `reset`. Every method is called on the session's thread, one at a time.
/// None of them may print: they return text and the session writes it.
public protocol REPLEngine: AnyObject {
    /// True when `text` (possibly several lines joined with "\n") leaves a block, bracket,
    /// string or block comment open, so the session should read a continuation line.
    /// Text that is merely wrong (a syntax error that more input cannot fix) returns false,
    /// so that `evaluate` reports it.
    func needsMoreInput(_ text: String) -> Bool

    /// Evaluates one complete entry (one or several lines) in the session's scope.
    func evaluate(_ text: String) -> REPLOutput

    /// Candidate completions for the word that ends at `cursor` in `line`: keywords, names in
    /// scope, materials, `.field` names after a material name, units after a number.
    /// `cursor` is a UTF-8 byte offset into `line` (`line.utf8`); `Completion.word(in:cursor:)`
    /// finds the word. Each candidate is a whole word that replaces the typed one; candidates
    /// that do not start with the typed word are used only when nothing else matches.
    func completions(line: String, cursor: Int) -> [String]

    /// Text for `:materials`: the materials in scope, one a line.
    func materialsListing() -> String

    /// Text for `:units`: the units the language knows.
    func unitsListing() -> String

    /// Text for `:fields MATERIAL`, or a failure naming the unknown material.
    func fieldsListing(material: String) -> REPLOutput

    /// Forgets every binding made in the session (`:reset`); the standard library stays.
    func reset()

    /// Runs a recipe file in the session's scope (`:load FILE`); its bindings stay defined.
    func load(path: String) -> REPLOutput
}
