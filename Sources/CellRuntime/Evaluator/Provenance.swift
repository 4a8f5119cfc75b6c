import CellDiagnostics

extension Interpreter {
    /// Remembers a material parameter a model used (first use wins), for the report.
    func noteParameter(material: String, field: String, value: Value, source: String) {
        let key = material + "." + field
        guard !usedParameterKeys.contains(key) else { return }
        usedParameterKeys.insert(key)
        let text: String
        if case .function(let f) = value { text = "fn \(f.name)" } else { text = Self.describe(value, nested: false) }
        usedParameters.append(UsedParameter(material: material, field: field, value: text, source: source))
    }
}
