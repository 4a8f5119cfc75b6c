/// Storage type of one BioLogic .mpr data column (little-endian).
enum MPRValueKind: Sendable {
    case uint8, uint16, uint32, float32, float64

    /// Bytes the value takes in a record.
    var size: Int {
        switch self {
        case .uint8: return 1
        case .uint16: return 2
        case .uint32, .float32: return 4
        case .float64: return 8
        }
    }
}

/// One known .mpr column: its EC-Lab name and storage type.
struct MPRColumn: Sendable {
    let name: String
    let kind: MPRValueKind
    init(_ name: String, _ kind: MPRValueKind) {
        self.name = name
        self.kind = kind
    }
}

/// Column IDs of the `VMP data` module, with the EC-Lab column name and storage type.
///
/// Source: the reverse-engineered description of the format in the Python package `galvani`
/// (BioLogic.py, column-ID table). The record layout is the concatenation of the columns in
/// header order, so an ID not listed here makes the whole file unreadable (its width is
/// unknown) and is reported as such.
enum MPRColumns {
    /// IDs that are bit flags packed together into one `UInt8` per record, placed where the
    /// first flag ID appears: mode (bits 0–1), ox/red (bit 2), error (bit 3), control changes
    /// (bit 4), Ns changes (bit 5), counter inc. (bit 7).
    static let flagIDs: Set<Int> = [1, 2, 3, 21, 31, 65]

    /// IDs the readers use.
    static let frequency = 32, realZ = 37, negatedImaginaryZ = 38, modulusZ = 36, phaseZ = 35
    static let time = 4, ewe = 6, meanEwe = 77, meanEweAlt = 174
    static let current = 8, meanCurrent = 11, meanCurrentSingle = 76

    static let known: [Int: MPRColumn] = [
        4: .init("time/s", .float64),
        5: .init("control/V/mA", .float32),
        6: .init("Ewe/V", .float32),
        7: .init("dq/mA.h", .float64),
        8: .init("I/mA", .float32),
        9: .init("Ece/V", .float32),
        11: .init("<I>/mA", .float64),
        13: .init("(Q-Qo)/mA.h", .float64),
        16: .init("Analog IN 1/V", .float32),
        17: .init("Analog IN 2/V", .float32),
        19: .init("control/V", .float32),
        20: .init("control/mA", .float32),
        23: .init("dQ/mA.h", .float64),
        24: .init("cycle number", .float64),
        26: .init("Rapp/Ohm", .float32),
        27: .init("Ewe-Ece/V", .float32),
        32: .init("freq/Hz", .float32),
        33: .init("|Ewe|/V", .float32),
        34: .init("|I|/A", .float32),
        35: .init("Phase(Z)/deg", .float32),
        36: .init("|Z|/Ohm", .float32),
        37: .init("Re(Z)/Ohm", .float32),
        38: .init("-Im(Z)/Ohm", .float32),
        39: .init("I Range", .uint16),
        69: .init("R/Ohm", .float32),
        70: .init("P/W", .float32),
        74: .init("|Energy|/W.h", .float64),
        75: .init("Analog OUT/V", .float32),
        76: .init("<I>/mA", .float32),
        77: .init("<Ewe>/V", .float32),
        78: .init("Cs-2/µF-2", .float32),
        96: .init("|Ece|/V", .float32),
        98: .init("Phase(Zce)/deg", .float32),
        99: .init("|Zce|/Ohm", .float32),
        100: .init("Re(Zce)/Ohm", .float32),
        101: .init("-Im(Zce)/Ohm", .float32),
        123: .init("Energy charge/W.h", .float64),
        124: .init("Energy discharge/W.h", .float64),
        125: .init("Capacitance charge/µF", .float64),
        126: .init("Capacitance discharge/µF", .float64),
        131: .init("Ns", .uint16),
        163: .init("|Estack|/V", .float32),
        168: .init("Rcmp/Ohm", .float32),
        169: .init("Cs/µF", .float32),
        172: .init("Cp/µF", .float32),
        173: .init("Cp-2/µF-2", .float32),
        174: .init("<Ewe>/V", .float32),
        178: .init("(Q-Qo)/C", .float32),
        179: .init("dQ/C", .float32),
        211: .init("Q charge/discharge/mA.h", .float64),
        212: .init("half cycle", .uint32),
        213: .init("z cycle", .uint32),
        217: .init("THD Ewe/%", .float32),
        218: .init("THD I/%", .float32),
        220: .init("NSD Ewe/%", .float32),
        221: .init("NSD I/%", .float32),
        223: .init("NSR Ewe/%", .float32),
        224: .init("NSR I/%", .float32),
        230: .init("|Ewe h2|/V", .float32),
        231: .init("|Ewe h3|/V", .float32),
        232: .init("|Ewe h4|/V", .float32),
        233: .init("|Ewe h5|/V", .float32),
        234: .init("|Ewe h6|/V", .float32),
        235: .init("|Ewe h7|/V", .float32),
        236: .init("|I h2|/A", .float32),
        237: .init("|I h3|/A", .float32),
        238: .init("|I h4|/A", .float32),
        239: .init("|I h5|/A", .float32),
        240: .init("|I h6|/A", .float32),
        241: .init("|I h7|/A", .float32),
        242: .init("|E2|/V", .float32),
        271: .init("Phase(Z1) / deg", .float32),
        272: .init("Phase(Z2) / deg", .float32),
        301: .init("|Z1|/Ohm", .float32),
        302: .init("|Z2|/Ohm", .float32),
        331: .init("Re(Z1)/Ohm", .float32),
        332: .init("Re(Z2)/Ohm", .float32),
        361: .init("-Im(Z1)/Ohm", .float32),
        362: .init("-Im(Z2)/Ohm", .float32),
        391: .init("<E1>/V", .float32),
        392: .init("<E2>/V", .float32),
        422: .init("Phase(Zstack)/deg", .float32),
        423: .init("|Zstack|/Ohm", .float32),
        424: .init("Re(Zstack)/Ohm", .float32),
        425: .init("-Im(Zstack)/Ohm", .float32),
        426: .init("<Estack>/V", .float32),
        430: .init("Phase(Zwe-ce)/deg", .float32),
        431: .init("|Zwe-ce|/Ohm", .float32),
        432: .init("Re(Zwe-ce)/Ohm", .float32),
        433: .init("-Im(Zwe-ce)/Ohm", .float32),
        434: .init("(Q-Qo)/C", .float32),
        435: .init("dQ/C", .float32),
        438: .init("step time/s", .float64),
        441: .init("<Ecv>/V", .float32),
        462: .init("Temperature/°C", .float32),
        467: .init("Q charge/discharge/mA.h", .float64),
        468: .init("half cycle", .uint32),
        469: .init("z cycle", .uint32),
        471: .init("<Ece>/V", .float32),
        473: .init("THD Ewe/%", .float32),
        474: .init("THD I/%", .float32),
        476: .init("NSD Ewe/%", .float32),
        477: .init("NSD I/%", .float32),
        479: .init("NSR Ewe/%", .float32),
        480: .init("NSR I/%", .float32),
        486: .init("|Ewe h2|/V", .float32),
        487: .init("|Ewe h3|/V", .float32),
        488: .init("|Ewe h4|/V", .float32),
        489: .init("|Ewe h5|/V", .float32),
        490: .init("|Ewe h6|/V", .float32),
        491: .init("|Ewe h7|/V", .float32),
        492: .init("|I h2|/A", .float32),
        493: .init("|I h3|/A", .float32),
        494: .init("|I h4|/A", .float32),
        495: .init("|I h5|/A", .float32),
        496: .init("|I h6|/A", .float32),
        497: .init("|I h7|/A", .float32),
        498: .init("Q charge/mA.h", .float64),
        499: .init("Q discharge/mA.h", .float64),
        500: .init("step time/s", .float64),
        501: .init("Efficiency/%", .float64),
        502: .init("Capacity/mA.h", .float64),
        505: .init("Rdc/Ohm", .float32),
        509: .init("Acir/Dcir Control", .uint8),
    ]
}
