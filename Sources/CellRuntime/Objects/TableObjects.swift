import CellPhysics
import Foundation

/// `table "ocp.csv"`: a tabulated open-circuit potential, columns `x` (Li fraction) and `U` (V),
/// for the `ocp` field (LANGUAGE.md §4). Interpolated shape-preserving (PCHIP) by the models.
public final class PotentialTableObject: RuntimeObject {
    public let path: String
    public let x: [Double]
    public let u: [Double]

    public init(path: String, x: [Double], u: [Double]) {
        self.path = path
        self.x = x
        self.u = u
    }

    public var typeName: String { "OCP table" }
    public var memberNames: [String] { ["x", "U", "count"] }
    public func member(_ name: String) -> Value? {
        switch name {
        case "x": return .list(x.map { .number($0) })
        case "U": return Values.list(u, .voltage)
        case "count": return .number(Double(x.count))
        default: return nil
        }
    }
    public var summary: String { "OCP table \(path): \(x.count) points, x from \(x.first ?? .nan) to \(x.last ?? .nan)" }

    /// Reads a CSV with a header naming `x` and `U` (case-insensitive; `U_V` and `voltage`
    /// are accepted), numbers in the other lines; x must increase strictly.
    static func read(_ text: String, path: String) throws -> PotentialTableObject {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        guard !lines.isEmpty else { throw TableError.invalid("`\(path)` is empty") }
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let xi = header.firstIndex(where: { $0 == "x" || $0.hasPrefix("x_") || $0 == "stoichiometry" }),
              let ui = header.firstIndex(where: { $0 == "u" || $0 == "u_v" || $0 == "voltage" || $0 == "ocp" || $0 == "ocp_v" }) else {
            throw TableError.invalid("`\(path)` needs a header with columns `x` and `U` (found \(header.joined(separator: ",")))")
        }
        var xs: [Double] = [], us: [Double] = []
        for (k, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > max(xi, ui), let x = Double(cells[xi]), let u = Double(cells[ui]), x.isFinite, u.isFinite else {
                throw TableError.invalid("`\(path)` line \(k + 2): expected two numbers, found `\(line)`")
            }
            if let last = xs.last, x <= last {
                throw TableError.invalid("`\(path)` line \(k + 2): x must increase (\(x) after \(last))")
            }
            xs.append(x)
            us.append(u)
        }
        guard xs.count >= 2 else { throw TableError.invalid("`\(path)` needs at least two rows") }
        return PotentialTableObject(path: path, x: xs, u: us)
    }

    enum TableError: Error {
        case invalid(String)
    }
}
