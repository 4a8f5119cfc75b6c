/// A lexical scope: names bound by `let`, `fn`, declarations and parameters.
public final class Environment {
    public let parent: Environment?
    private var values: [String: Value] = [:]
    private var order: [String] = []

    public init(parent: Environment? = nil) { self.parent = parent }

    public func lookup(_ name: String) -> Value? {
        var scope: Environment? = self
        while let s = scope {
            if let v = s.values[name] { return v }
            scope = s.parent
        }
        return nil
    }

    /// Binds a name in this scope. Returns false when it is already bound here.
    @discardableResult
    public func define(_ name: String, _ value: Value) -> Bool {
        if values[name] != nil { return false }
        values[name] = value
        order.append(name)
        return true
    }

    /// Drops every binding of this scope. A user function holds the scope it was defined in,
    /// so a scope and its functions form a reference cycle: a finished run breaks it with this,
    /// or every run in one process (REPL `:load`, tests, the fuzzer) leaks its whole scope.
    public func removeAll() {
        values = [:]
        order = []
    }

    /// Rebinds (REPL redefinition, `:reset`).
    public func assign(_ name: String, _ value: Value) {
        if values[name] == nil { order.append(name) }
        values[name] = value
    }

    public func isDefinedLocally(_ name: String) -> Bool { values[name] != nil }

    /// Every name visible from here (for did-you-mean and completion), innermost first.
    public var allNames: [String] {
        var names: [String] = []
        var seen = Set<String>()
        var scope: Environment? = self
        while let s = scope {
            for n in s.order where !seen.contains(n) {
                names.append(n)
                seen.insert(n)
            }
            scope = s.parent
        }
        return names
    }

    /// Names bound in this scope only, in definition order.
    public var localNames: [String] { order }
}
