/// How serious a diagnostic is. Errors stop a run; warnings are printed and the run goes on.
public enum Severity: String, Sendable {
    case error, warning, note
}

/// A message from one of the catalogues (syntax, checker, runtime, data, ...).
///
/// Each phase keeps its messages as the cases of one enum that conforms to this protocol,
/// so unit tests can assert the case while golden files assert the rendered text.
public protocol DiagnosticMessage: Sendable {
    /// Lowercase, matter-of-fact, no final period; identifiers in backticks.
    var text: String { get }
    /// A stable identifier for tests and tools, e.g. `syntax.expectedExpression`.
    var id: String { get }
}

/// A free-form message, for notes and for wrapping errors of libraries that have no catalogue.
public struct PlainMessage: DiagnosticMessage {
    public let text: String
    public let id: String
    public init(_ text: String, id: String = "plain") {
        self.text = text
        self.id = id
    }
}

/// One problem, positioned in the source when the position is known.
public struct Diagnostic: Error, Sendable {
    public var severity: Severity
    public var message: any DiagnosticMessage
    public var span: Span?
    /// Secondary remarks, e.g. `'{' opened here`, each possibly positioned.
    public var notes: [Note]

    public struct Note: Sendable {
        public var text: String
        public var span: Span?
        public init(_ text: String, span: Span? = nil) {
            self.text = text
            self.span = span
        }
    }

    public init(_ severity: Severity = .error, _ message: any DiagnosticMessage, at span: Span?,
                notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.span = span
        self.notes = notes
    }

    public static func error(_ message: any DiagnosticMessage, at span: Span?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: span, notes: notes)
    }
    public static func warning(_ message: any DiagnosticMessage, at span: Span?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: span, notes: notes)
    }
}

/// Where phases put their diagnostics. The compiler never prints: the CLI, the REPL and
/// the tests each render what they find here.
public final class DiagnosticBag {
    public private(set) var diagnostics: [Diagnostic] = []
    public init() {}

    /// Most diagnostics kept; past it one error says so and the rest are dropped. Each one
    /// prints its source line, so a stranger's 16 MiB file of mistakes must not turn into
    /// gigabytes of messages; no person reads past the first hundred anyway.
    public static let maxDiagnostics = 100

    public func report(_ d: Diagnostic) {
        if diagnostics.count < Self.maxDiagnostics {
            diagnostics.append(d)
            return
        }
        // Past the cap one marker says so. It is an error only if an error was dropped: a
        // sweep with many warnings must not turn into a failed run.
        let severity: Severity = d.severity == .error ? .error : .warning
        if diagnostics.count == Self.maxDiagnostics {
            let text = "too many problems; stopped reporting after \(Self.maxDiagnostics)"
            diagnostics.append(Diagnostic(severity, PlainMessage(text, id: "diagnostics.tooMany"), at: nil))
        } else if severity == .error, let last = diagnostics.indices.last {
            diagnostics[last].severity = .error
        }
    }
    public func error(_ m: any DiagnosticMessage, at span: Span?, notes: [Diagnostic.Note] = []) {
        report(.error(m, at: span, notes: notes))
    }
    public func warning(_ m: any DiagnosticMessage, at span: Span?, notes: [Diagnostic.Note] = []) {
        report(.warning(m, at: span, notes: notes))
    }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public func removeAll() { diagnostics.removeAll() }
}
