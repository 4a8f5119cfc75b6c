import CellDiagnostics
import CellPhysics
import CellSyntax
import CellUnits

/// Evaluates a protocol's step sentences into the SI step tree the simulators run
/// (LANGUAGE.md §6). `for` loops are expanded here; `repeat` stays a loop.
struct ProtocolBuilder {
    unowned let interpreter: Interpreter

    /// Largest `repeat N` accepted (a million cycles is beyond any experiment).
    static let maxRepeatCount = 1_000_000

    func build(_ p: ProtocolValue) throws -> ProtocolModel {
        let env = Environment(parent: p.environment)
        for (name, value) in p.arguments { env.define(name, value) }
        return ProtocolModel(name: p.name, steps: try steps(p.decl.steps, in: env))
    }

    func steps(_ list: [Step], in env: Environment) throws -> [StepModel] {
        try list.flatMap { try step($0, in: env) }
    }

    func quantity(_ e: Expr, in env: Environment, _ context: String) throws -> Quantity {
        let v = try interpreter.evaluate(e, in: env)
        return try interpreter.quantityOperand(v, span: e.span, context: context)
    }

    func fail(_ e: Expr, expected: String, found q: Quantity, context: String) -> RuntimeError {
        RuntimeError(.typeMismatch(expected: expected, found: "\(q.dimension.displayName) (`\(q.formatted())`)", context: context), at: e.span)
    }

    func setpoint(_ e: Expr, in env: Environment, context: String) throws -> CurrentSetpoint {
        let q = try quantity(e, in: env, context)
        guard q.value.isFinite, q.value > 0 else {
            throw RuntimeError(.other("the current of `\(context)` must be positive (the step word gives the direction), found \(q.formatted())"), at: e.span)
        }
        switch q.dimension {
        case .current: return .amperes(q.value)
        case .currentDensity: return .density(q.value)
        case .cRate: return .cRate(q.value)
        default: throw fail(e, expected: "a current (`mA`), a current density (`mA/cm^2`) or a C-rate (`0.1 C`)", found: q, context: context)
        }
    }

    func limit(_ e: Expr, kind: CellSyntax.StepLimit.Kind, in env: Environment) throws -> CellPhysics.StepLimit {
        let q = try quantity(e, in: env, "`\(kind.rawValue)`")
        guard q.value.isFinite else { throw RuntimeError(.notFinite("the limit"), at: e.span) }
        if kind == .for {
            guard q.dimension == .time else { throw fail(e, expected: "a duration after `for` (`10 min`)", found: q, context: "`for`") }
            guard q.value >= 0 else { throw RuntimeError(.other("a duration must not be negative, found \(q.formatted())"), at: e.span) }
            return .duration(q.value)
        }
        switch q.dimension {
        case .voltage: return .voltage(q.value)
        case .current: return .current(.amperes(q.value))
        case .currentDensity: return .current(.density(q.value))
        case .cRate: return .current(.cRate(q.value))
        case .time: return .duration(q.value)
        case .charge: return .charge(q.value)
        case .specificCapacity: return .specificCharge(q.value)
        case .arealCapacity: return .arealCharge(q.value)
        default:
            throw fail(e, expected: "a voltage, current, C-rate, capacity or duration after `until`", found: q, context: "`until`")
        }
    }

    func limits(_ ls: [CellSyntax.StepLimit], in env: Environment) throws -> [CellPhysics.StepLimit] {
        try ls.map { try limit($0.value, kind: $0.kind, in: env) }
    }

    func voltage(_ e: Expr, in env: Environment, _ context: String) throws -> Double {
        let q = try quantity(e, in: env, context)
        guard q.dimension == .voltage else { throw fail(e, expected: "a voltage", found: q, context: context) }
        return q.value
    }

    func step(_ s: Step, in env: Environment) throws -> [StepModel] {
        switch s.kind {
        case .current(let direction, let amount, let ls):
            let d: CellPhysics.CurrentDirection
            switch direction {
            case .charge: d = .charge
            case .discharge: d = .discharge
            case .plate: d = .plate
            case .strip: d = .strip
            }
            let built = try limits(ls, in: env)
            if built.isEmpty {
                throw RuntimeError(.other("`\(direction.rawValue)` needs a limit: `until 4.2 V`, `for 1 h` or `until 150 mAh/g`"), at: s.span)
            }
            return [.current(d, try setpoint(amount, in: env, context: direction.rawValue), limits: built)]
        case .rest(let ls):
            let built = try limits(ls, in: env)
            if built.isEmpty { throw RuntimeError(.other("`rest` needs a limit, e.g. `rest for 10 min`"), at: s.span) }
            return [.rest(limits: built)]
        case .hold(let v, let ls):
            let built = try limits(ls, in: env)
            if built.isEmpty { throw RuntimeError(.other("`hold` needs a limit, e.g. `until 0.05 C` or `for 1 h`"), at: s.span) }
            return [.hold(voltage: try voltage(v, in: env, "`hold at`"), limits: built)]
        case .polarize(let v, let ls):
            let built = try limits(ls, in: env)
            if built.isEmpty { throw RuntimeError(.other("`polarize` needs a duration, e.g. `for 1 h`"), at: s.span) }
            return [.polarize(voltage: try voltage(v, in: env, "`polarize at`"), limits: built)]
        case .eis(let from, let to, let perDecade, let amplitude):
            let f1 = try quantity(from, in: env, "`eis from`"), f2 = try quantity(to, in: env, "`eis to`")
            for (q, e) in [(f1, from), (f2, to)] {
                guard q.dimension == .frequency else { throw fail(e, expected: "a frequency (`7 MHz`)", found: q, context: "`eis`") }
                guard q.value > 0, q.value.isFinite else { throw RuntimeError(.other("frequencies must be positive, found \(q.formatted())"), at: e.span) }
            }
            var n = 10
            if let perDecade {
                let q = try quantity(perDecade, in: env, "`per decade`")
                guard q.isPlainNumber, q.value >= 1, q.value <= 1000, q.value == q.value.rounded() else {
                    throw RuntimeError(.other("points per decade must be a whole number from 1 to 1000, found \(q.formatted())"), at: perDecade.span)
                }
                n = Int(q.value)
            }
            var amp = 0.01  // 10 mV, the usual small-signal amplitude
            if let amplitude { amp = try voltage(amplitude, in: env, "`amplitude`") }
            return [.eis(from: f1.value, to: f2.value, perDecade: n, amplitude: amp)]
        case .ccd(let from, let to, let stepExpr, let duration, let perHalf):
            var values: [Double] = []
            for (e, what) in [(from, "`ccd from`"), (to, "`to`"), (stepExpr, "`step`")] {
                let q = try quantity(e, in: env, what)
                guard q.dimension == .currentDensity else { throw fail(e, expected: "a current density (`mA/cm^2`)", found: q, context: what) }
                guard q.value > 0 else { throw RuntimeError(.other("\(what) must be positive, found \(q.formatted())"), at: e.span) }
                values.append(q.value)
            }
            guard values[1] >= values[0] else { throw RuntimeError(.other("the staircase must rise: `to` is below `from`"), at: to.span) }
            let t = try quantity(duration, in: env, "`per half-cycle`")
            guard t.dimension == .time, t.value > 0 else { throw fail(duration, expected: "a positive duration", found: t, context: "`ccd`") }
            return [.ccd(from: values[0], to: values[1], step: values[2], duration: t.value, perHalfCycle: perHalf)]
        case .set(let name, let e):
            let q = try quantity(e, in: env, "`set \(name.text)`")
            switch name.text {
            case "temperature":
                guard q.dimension == .temperature else { throw fail(e, expected: "a temperature", found: q, context: "`set temperature`") }
                guard q.value > 0 else {
                    throw RuntimeError(.other("`set temperature` is at or below absolute zero (`\(q.formatted())`)"), at: e.span)
                }
                return [.setTemperature(q.value)]
            case "pressure":
                guard q.dimension == .pressure else { throw fail(e, expected: "a pressure", found: q, context: "`set pressure`") }
                guard q.value >= 0 else {
                    throw RuntimeError(.other("`set pressure` cannot be negative, found `\(q.formatted())`"), at: e.span)
                }
                return [.setPressure(q.value)]
            default:
                throw RuntimeError(.other("`set` takes `temperature` or `pressure`, not `\(name.text)`"), at: name.span)
            }
        case .repeat(let countExpr, let body):
            let q = try quantity(countExpr, in: env, "`repeat`")
            guard q.isPlainNumber, q.value >= 0, q.value == q.value.rounded(), q.value <= Double(Self.maxRepeatCount) else {
                throw RuntimeError(.other("`repeat` needs a whole number of times from 0 to \(Self.maxRepeatCount), found \(q.formatted())"), at: countExpr.span)
            }
            return [.repeatCount(Int(q.value), try steps(body, in: env))]
        case .repeatUntil(let limitExpr, let body):
            return [.repeatUntil(try limit(limitExpr, kind: .until, in: env), try steps(body, in: env))]
        case .forEach(let name, let seq, let body):
            let items = try interpreter.iterate(try interpreter.evaluate(seq, in: env), at: seq.span)
            return try items.map { item in
                let inner = Environment(parent: env)
                inner.define(name.text, item)
                return .label("\(name.text) = \(Interpreter.describe(item))", try steps(body, in: inner))
            }
        }
    }
}
