/// A figure built by `nyquist(...)`, `bode(...)`, `arrhenius(...)`, `residuals(...)`, written
/// with `plot FIGURE to "file.svg"`.
public final class PlotObject: RuntimeObject {
    public let kind: String
    public let caption: String
    public let svg: String

    public init(kind: String, caption: String, svg: String) {
        self.kind = kind
        self.caption = caption
        self.svg = svg
    }

    public var typeName: String { "plot" }
    public var memberNames: [String] { ["kind", "caption"] }
    public func member(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(kind)
        case "caption": return .string(caption)
        default: return nil
        }
    }
    public var summary: String { "\(kind) plot: \(caption)" }
}
