import CellDiagnostics

extension Parser {
    /// materialDecl = "material" IDENT [ parameters ] [ "from" IDENT ] fieldBlock ;
    mutating func parseMaterial() -> MaterialDecl {
        advance()
        let name = consumeName("a material name after `material`")
        let parameters = check(.leftParen) ? parseParameters() : nil
        var base: Name?
        if match(.keyword(.from)) { base = consumeName("a base material name after `from`") }
        let fields = parseFieldBlock()
        return MaterialDecl(name: name, parameters: parameters, base: base, fields: fields)
    }

    /// fieldBlock = "{" { field ( NEWLINE | ";" ) } "}" ;
    mutating func parseFieldBlock() -> [FieldAssignment] {
        parseBlock(stopAtNames: true) { $0.parseField() }
    }

    /// field = IDENT "=" expression ;
    /// A top-level `VALUE at T` is split: `T` is the reference temperature of the value
    /// (`sigma_ion = 6.8e-5 S/cm at 25 degC`).
    mutating func parseField() -> FieldAssignment? {
        guard check(.identifier) else {
            errorAtToken(.expectedField(found: peek.description))
            return nil
        }
        let nameToken = advance()
        let name = Name(nameToken.text, span: nameToken.span)
        consume(.equal, "`=` after field `\(name.text)`")
        let value = parseExpression()
        let fieldSpan = span(from: nameToken.span)
        if case .at(let quantity, let temperature) = value.kind {
            return FieldAssignment(name: name, value: quantity, reference: temperature, span: fieldSpan)
        }
        return FieldAssignment(name: name, value: value, reference: nil, span: fieldSpan)
    }

    /// cellDecl = "cell" IDENT [ parameters ] "{" { cellItem ( NEWLINE | ";" ) } "}" ;
    mutating func parseCell() -> CellDecl {
        advance()
        let name = consumeName("a cell name after `cell`")
        let parameters = check(.leftParen) ? parseParameters() : nil
        let items = parseBlock(stopAtNames: true) { $0.parseCellItem() }
        return CellDecl(name: name, parameters: parameters, items: items)
    }

    /// cellItem = ("layer" | "interlayer") IDENT "=" layerSpec
    ///          | "interface" IDENT "|" IDENT fieldBlock
    ///          | "let" IDENT "=" expression
    ///          | field ;
    mutating func parseCellItem() -> CellItem? {
        let start = peek
        switch start.kind {
        case .keyword(.layer), .keyword(.interlayer):
            advance()
            let role: LayerRole = start.kind == .keyword(.layer) ? .layer : .interlayer
            let name = consumeName("a name after `\(role.rawValue)`")
            consume(.equal, "`=` after `\(role.rawValue) \(name.text)`")
            let spec = parseLayerSpec()
            return .layer(LayerDecl(role: role, name: name, spec: spec, span: span(from: start.span)))
        case .keyword(.let):
            advance()
            let (name, value) = parseBinding()
            return .binding(name, value)
        case .identifier where start.isWord("interface") && peek(1).kind == .identifier:
            advance()
            let left = consumeName("a layer name after `interface`")
            consume(.pipe, "`|` between the two layers of an interface")
            let right = consumeName("a layer name after `|`")
            let fields = parseFieldBlock()
            return .interface(InterfaceDecl(left: left, right: right, fields: fields,
                                            span: span(from: start.span)))
        case .identifier:
            return parseField().map(CellItem.field)
        default:
            errorAtToken(.expectedCellItem(found: peek.description))
            return nil
        }
    }

    /// What a layer body holds: its own fields and the coatings of its constituents.
    private enum LayerItem {
        case field(FieldAssignment)
        case coating(CoatingDecl)
    }

    /// layerSpec = postfix [ "{" { ( field | coating ) ( NEWLINE | ";" ) } "}" ] ;
    /// The material is a name, a parameter or a call such as `composite(LLZTO: 90 wt%, ...)`.
    mutating func parseLayerSpec() -> LayerSpec {
        let material = parsePostfix()
        var fields: [FieldAssignment] = []
        var coatings: [CoatingDecl] = []
        if check(.leftBrace), !panicMode {
            let items: [LayerItem] = parseBlock(stopAtNames: true) { parser in
                if parser.checkWord("coating"), parser.peek(1).isWord("on") {
                    return parser.parseCoating().map(LayerItem.coating)
                }
                return parser.parseField().map(LayerItem.field)
            }
            for item in items {
                switch item {
                case .field(let f): fields.append(f)
                case .coating(let c): coatings.append(c)
                }
            }
        }
        return LayerSpec(material: material, fields: fields, coatings: coatings,
                         span: span(from: material.span))
    }

    /// coating = "coating" "on" IDENT "=" layerSpec ;
    mutating func parseCoating() -> CoatingDecl? {
        let start = advance()
        advance()  // `on`, checked by the caller
        let target = consumeName("the coated constituent after `coating on`")
        consume(.equal, "`=` after `coating on \(target.text)`")
        guard enterNesting() else { return nil }
        defer { leaveNesting() }
        let spec = parseLayerSpec()
        return CoatingDecl(target: target, spec: spec, span: span(from: start.span))
    }

    /// protocolDecl = "protocol" IDENT [ parameters ] stepBlock ;
    mutating func parseProtocol() -> ProtocolDecl {
        advance()
        let name = consumeName("a protocol name after `protocol`")
        let parameters = check(.leftParen) ? parseParameters() : nil
        let steps = parseStepBlock()
        return ProtocolDecl(name: name, parameters: parameters, steps: steps)
    }
}
