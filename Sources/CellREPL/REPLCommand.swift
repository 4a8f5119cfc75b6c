import CellDiagnostics

/// A REPL command: a line whose first non-blank character is `:` (never valid CellScript).
public enum REPLCommand: Sendable, Equatable {
    case help
    case load(path: String)
    case materials
    case units
    case fields(material: String)
    case reset
    case quit

    /// Every command name without its colon, in the order `:help` lists them.
    public static let names = ["help", "load", "materials", "units", "fields", "reset", "quit", "q"]

    /// The text `:help` prints.
    public static let helpText = """
        Type CellScript statements; an open block, bracket or string continues on the next line.
        Commands:
          :help             this text
          :load FILE        run a recipe file here; its names stay defined
          :materials        list the materials in scope
          :units            list the units
          :fields MATERIAL  list the fields of a material
          :reset            forget everything defined in this session
          :quit, :q         leave (Ctrl-D on an empty line too)
        Keys: Tab completes, Up/Down walk the history, Ctrl-R searches it,
        Ctrl-C discards the entry being typed.

        """

    /// Why a command line could not be understood.
    public enum ParseError: Error, Sendable, Equatable {
        /// `:name` is not a command; `suggestion` is the closest command name, if any.
        case unknown(name: String, suggestion: String?)
        /// The command needs an argument (`:load`, `:fields`).
        case missingArgument(command: String, usage: String)
        /// The command takes no argument but got one.
        case unexpectedArgument(command: String)

        /// The message shown to the user, lowercase, identifiers in backticks.
        public var message: String {
            switch self {
            case let .unknown(name, suggestion?):
                return "error: unknown command `:\(name)` (did you mean `:\(suggestion)`?)"
            case let .unknown(name, nil):
                return "error: unknown command `:\(name)`; `:help` lists the commands"
            case let .missingArgument(command, usage):
                return "error: `:\(command)` needs an argument: `\(usage)`"
            case let .unexpectedArgument(command):
                return "error: `:\(command)` takes no argument"
            }
        }
    }

    /// True when `line` is a command line (starts with `:` after blanks).
    public static func isCommand(_ line: String) -> Bool {
        line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(":")
    }

    /// Parses a command line such as `:fields LLZTO` or `:load "my recipe.cell"`.
    /// The argument is the rest of the line, trimmed; surrounding double quotes are removed.
    public static func parse(_ line: String) throws(ParseError) -> REPLCommand {
        let body = line.trimmingBlanks().dropFirst()  // drop ":"
        let name = String(body.prefix(while: { !$0.isBlank }))
        let argument = unquoted(String(body.dropFirst(name.count)).trimmingBlanks())
        switch name {
        case "help", "h", "?": return try noArgument(.help, name, argument)
        case "materials": return try noArgument(.materials, name, argument)
        case "units": return try noArgument(.units, name, argument)
        case "reset": return try noArgument(.reset, name, argument)
        case "quit", "q", "exit": return try noArgument(.quit, name, argument)
        case "load":
            guard !argument.isEmpty else {
                throw .missingArgument(command: name, usage: ":load FILE")
            }
            return .load(path: argument)
        case "fields":
            guard !argument.isEmpty else {
                throw .missingArgument(command: name, usage: ":fields MATERIAL")
            }
            return .fields(material: argument)
        default:
            // A name of one letter is too short for a meaningful guess (`:x` is not `:q`).
            let suggestion = name.count < 2 ? nil : Suggestions.closest(to: name, in: names)
            throw .unknown(name: name, suggestion: suggestion)
        }
    }

    private static func noArgument(
        _ command: REPLCommand, _ name: String, _ argument: String
    ) throws(ParseError) -> REPLCommand {
        guard argument.isEmpty else { throw .unexpectedArgument(command: name) }
        return command
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }
}

extension Character {
    fileprivate var isBlank: Bool { self == " " || self == "\t" }
}

extension StringProtocol {
    fileprivate func trimmingBlanks() -> String {
        let start = drop(while: { $0.isBlank })
        return String(start.reversed().drop(while: { $0.isBlank }).reversed())
    }
}
