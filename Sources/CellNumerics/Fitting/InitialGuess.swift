import ComplexModule
import RealModule

/// Automatic starting values for circuit fits, read off the spectrum.
///
/// Features: the high-frequency real intercept (series resistance), the low-frequency real part,
/// arcs (local maxima of −Z'' against frequency, with their apex frequency and valley-to-valley
/// width in Z'), and the low-frequency tail. Top-level series blocks of the circuit are matched
/// to them: a lone R takes the intercept; each arc-like block (parallel groups, K, Zarc, Wo, Ws,
/// G, Gs, Sph) takes the next arc from high to low frequency (R ≈ arc width, time constants from
/// the apex, CPE n = 0.9 and Q = 1/(R ω₀ⁿ)); a lone C/CPE/W takes the low-frequency tail; a lone
/// L the high-frequency inductive part. Missing arcs are filled with the unexplained resistance
/// spread over log-spaced apex frequencies.
public enum InitialGuess {
    /// CPE-like exponent assumed at the start (typical depressed arcs).
    public static let startExponent = 0.9

    /// A detected arc.
    public struct Arc: Sendable, Equatable {
        /// Apex frequency (Hz).
        public var apexFrequency: Double
        /// Width in Z' (ohm).
        public var diameter: Double
    }

    /// Spectrum features used for guesses.
    public struct Features: Sendable, Equatable {
        public var highFrequencyResistance: Double
        public var lowFrequencyResistance: Double
        public var arcs: [Arc]
        public var maxFrequency: Double
        public var minFrequency: Double
        /// −Z'' at the lowest frequency (ohm).
        public var lowFrequencyReactance: Double
        /// Z'' at the highest frequency (ohm), positive if inductive.
        public var highFrequencyReactance: Double
    }

    /// Extracts features. An empty spectrum gives neutral features (1 Ω, 1 Hz, no arcs).
    public static func features(of spectrum: ImpedanceSpectrum) -> Features {
        guard spectrum.count > 0 else {
            return Features(highFrequencyResistance: 1, lowFrequencyResistance: 2, arcs: [], maxFrequency: 1,
                            minFrequency: 1, lowFrequencyReactance: 1, highFrequencyReactance: 0)
        }
        let order = spectrum.frequencies.indices.sorted { spectrum.frequencies[$0] > spectrum.frequencies[$1] }
        let f = order.map { spectrum.frequencies[$0] }
        let re = order.map { spectrum.impedance[$0].real }
        let negIm = order.map { -spectrum.impedance[$0].imaginary }
        let count = f.count
        let scale = max(re.map(abs).max() ?? 1, negIm.map(abs).max() ?? 1, Double.leastNormalMagnitude)
        // Smooth −Z'' a little (3-point) so noise does not create spurious arcs.
        var smooth = negIm
        if count >= 3 {
            for i in 1..<(count - 1) { smooth[i] = (negIm[i - 1] + 2 * negIm[i] + negIm[i + 1]) / 4 }
        }
        // Local maxima (interior, positive) and the valleys between them.
        var peaks: [Int] = []
        if count >= 3 {
            for i in 1..<(count - 1) where smooth[i] > smooth[i - 1] && smooth[i] >= smooth[i + 1]
                && smooth[i] > 1e-3 * scale {
                peaks.append(i)
            }
        }
        var arcs: [Arc] = []
        for (k, peak) in peaks.enumerated() {
            let leftStart = k == 0 ? 0 : peaks[k - 1]
            let rightEnd = k == peaks.count - 1 ? count - 1 : peaks[k + 1]
            let left = (leftStart...peak).min { smooth[$0] < smooth[$1] } ?? leftStart
            let right = (peak...rightEnd).min { smooth[$0] < smooth[$1] } ?? rightEnd
            var width = re[right] - re[left]
            // A lone arc's valleys may lie outside the data: twice the height is the semicircle width.
            width = max(width, 2 * smooth[peak])
            arcs.append(Arc(apexFrequency: f[peak], diameter: width))
        }
        let minRe = re.prefix(max(1, count / 10)).min() ?? re[0]
        return Features(
            highFrequencyResistance: max(minRe, 0), lowFrequencyResistance: re[count - 1], arcs: arcs,
            maxFrequency: f[0], minFrequency: f[count - 1],
            lowFrequencyReactance: negIm[count - 1], highFrequencyReactance: -negIm[0])
    }

    private enum BlockRole { case seriesResistance, inductance, tail, arc }

    private static func role(of node: Circuit.Node) -> BlockRole {
        switch node {
        case .element(let element):
            switch element.kind {
            case .resistor: return .seriesResistance
            case .inductor, .modifiedInductance: return .inductance
            case .capacitor, .constantPhase, .warburg: return .tail
            default: return .arc
            }
        case .series, .parallel: return .arc
        }
    }

    /// Starting parameters for `circuit` from `spectrum` (circuit order).
    public static func guess(circuit: Circuit, spectrum: ImpedanceSpectrum) -> [Double] {
        guess(circuit: circuit, spectrum: spectrum, arcOrder: nil)
    }

    /// An intercept above this fraction of the DC resistance is worth an arc of its own.
    static let truncatedArcThreshold = 0.01
    /// Where to put the apex of an arc above the band: a few times the highest frequency.
    static let truncatedArcApexFactor = 3.0

    /// Most arc blocks whose assignments are permuted (4! = 24 starts at most).
    static let maxPermutedArcBlocks = 4

    /// Guesses with the detected arcs assigned to the circuit's arc blocks in every other order.
    ///
    /// The automatic guess gives the highest-frequency arc to the first arc block, and so on.
    /// When an arc lies partly outside the measured band (a bulk arc above 7 MHz) or two arcs
    /// overlap, that order can be wrong and Levenberg–Marquardt then settles in a minimum with
    /// the arcs swapped between blocks. Starting from each permutation finds the global one.
    public static func alternativeGuesses(circuit: Circuit, spectrum: ImpedanceSpectrum) -> [[Double]] {
        let blocks: [Circuit.Node]
        if case .series(let nodes) = circuit.root { blocks = nodes } else { blocks = [circuit.root] }
        let k = blocks.map(role(of:)).filter { $0 == .arc }.count
        guard k >= 2, k <= maxPermutedArcBlocks else { return [] }
        return permutations(of: Array(0..<k)).dropFirst().map {
            guess(circuit: circuit, spectrum: spectrum, arcOrder: $0)
        }
    }

    /// All permutations in lexicographic order, the identity first.
    static func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[Int]] in
            var rest = items
            let head = rest.remove(at: i)
            return permutations(of: rest).map { [head] + $0 }
        }
    }

    static func guess(circuit: Circuit, spectrum: ImpedanceSpectrum, arcOrder: [Int]?) -> [Double] {
        let features = features(of: spectrum)
        let blocks: [Circuit.Node]
        if case .series(let nodes) = circuit.root { blocks = nodes } else { blocks = [circuit.root] }
        let roles = blocks.map(role(of:))
        let arcBlockCount = roles.filter { $0 == .arc }.count
        let seriesCount = roles.filter { $0 == .seriesResistance }.count
        let floor = 1e-6 * max(abs(features.lowFrequencyResistance), features.highFrequencyResistance, 1e-12)
        let seriesR = max(features.highFrequencyResistance, floor) / Double(max(seriesCount, 1))
        var arcs = chooseArcs(features: features, count: arcBlockCount, hasSeriesResistance: seriesCount > 0)
        if let arcOrder, arcOrder.count == arcs.count { arcs = arcOrder.map { arcs[$0] } }
        let omegaMin = 2 * Double.pi * features.minFrequency
        let omegaMax = 2 * Double.pi * features.maxFrequency
        var values: [Double] = []
        var arcIndex = 0
        // Resistance the detected arcs and the intercept do not account for: diffusion elements take it.
        let unexplained = max(features.lowFrequencyResistance - features.highFrequencyResistance
            - features.arcs.reduce(0) { $0 + $1.diameter }, 0.1 * max(features.lowFrequencyResistance, floor))
        for (block, role) in zip(blocks, roles) {
            switch role {
            case .seriesResistance:
                values.append(seriesR)
            case .inductance:
                let reactance = max(features.highFrequencyReactance, 1e-3 * seriesR)
                if case .element(let element) = block, element.kind == .modifiedInductance {
                    values += [reactance / omegaMax, 1]
                } else {
                    values.append(reactance / omegaMax)
                }
            case .tail:
                let reactance = max(features.lowFrequencyReactance, floor)
                if case .element(let element) = block {
                    switch element.kind {
                    case .capacitor: values.append(1 / (omegaMin * reactance))
                    case .constantPhase:
                        let n = startExponent
                        values += [Double.sin(n * Double.pi / 2) / (reactance * Double.pow(omegaMin, n)), n]
                    default: values.append(reactance * omegaMin.squareRoot())
                    }
                }
            case .arc:
                let arc = arcs[min(arcIndex, arcs.count - 1)]
                arcIndex += 1
                values += arcBlockGuess(block, arc: arc, features: features, unexplained: unexplained)
            }
        }
        return values
    }

    /// Exactly `count` arcs: the detected ones (largest first if too many), padded with arcs that
    /// share the unexplained resistance at log-spaced frequencies.
    private static func chooseArcs(features: Features, count: Int, hasSeriesResistance: Bool) -> [Arc] {
        guard count > 0 else { return [Arc(apexFrequency: 1, diameter: 1)] }
        var arcs = features.arcs
        // Without a series resistor the high-frequency intercept belongs to an arc whose apex lies
        // above the measured band (a bulk arc truncated at the instrument's limit, PHYSICS.md §2).
        if !hasSeriesResistance, count > arcs.count,
           features.highFrequencyResistance > truncatedArcThreshold * max(features.lowFrequencyResistance, 1e-300) {
            arcs.insert(Arc(apexFrequency: truncatedArcApexFactor * features.maxFrequency,
                            diameter: features.highFrequencyResistance), at: 0)
        }
        if arcs.count > count {
            arcs = Array(arcs.sorted { $0.diameter > $1.diameter }.prefix(count))
            arcs.sort { $0.apexFrequency > $1.apexFrequency }
        }
        if arcs.count < count {
            let explained = arcs.reduce(0) { $0 + $1.diameter }
            let total = max(features.lowFrequencyResistance - features.highFrequencyResistance, 0)
            let missing = count - arcs.count
            let share = max(total - explained, 0.1 * max(total, features.highFrequencyResistance, 1e-12)) / Double(missing)
            let logHigh = Double.log10(features.maxFrequency)
            let logLow = Double.log10(features.minFrequency)
            for k in 0..<missing {
                let position = (Double(k) + 1) / (Double(missing) + 1)
                arcs.append(Arc(apexFrequency: Double.pow(10, logHigh + (logLow - logHigh) * position), diameter: share))
            }
            arcs.sort { $0.apexFrequency > $1.apexFrequency }
        }
        return arcs
    }

    /// Guesses for every element of one arc-like block.
    private static func arcBlockGuess(
        _ block: Circuit.Node, arc: Arc, features: Features, unexplained: Double
    ) -> [Double] {
        var elements: [CircuitElement] = []
        func collect(_ node: Circuit.Node) {
            switch node {
            case .element(let element): elements.append(element)
            case .series(let nodes), .parallel(let nodes): nodes.forEach(collect)
            }
        }
        collect(block)
        let resistive: Set<CircuitElementKind> = [
            .resistor, .warburg, .warburgReflective, .warburgTransmissive, .gerischer, .finiteGerischer,
            .voigt, .zarc, .sphericalDiffusion,
        ]
        let shares = max(elements.filter { resistive.contains($0.kind) }.count, 1)
        let r = max(arc.diameter, Double.leastNormalMagnitude) / Double(shares)
        let omega0 = 2 * Double.pi * arc.apexFrequency
        let tau = 1 / omega0
        let n = startExponent
        // Diffusion elements usually shape the low-frequency end: size them from the unexplained
        // resistance and the low-frequency reactance (reflective: −Z'' ≈ Z0/(ωτ) there).
        let omegaMin = 2 * Double.pi * features.minFrequency
        let omegaMax = 2 * Double.pi * features.maxFrequency
        let reactance = max(features.lowFrequencyReactance, 1e-6 * unexplained)
        func clampTau(_ value: Double) -> Double { min(max(value, 1 / omegaMax), 100 / omegaMin) }
        return elements.flatMap { element -> [Double] in
            switch element.kind {
            case .resistor: return [r]
            case .capacitor: return [1 / (arc.diameter * omega0)]
            case .inductor: return [arc.diameter / omega0]
            case .constantPhase: return [1 / (arc.diameter * Double.pow(omega0, n)), n]
            case .warburg: return [reactance * omegaMin.squareRoot()]
            case .warburgReflective: return [unexplained, clampTau(unexplained / (omegaMin * reactance))]
            case .sphericalDiffusion: return [unexplained, clampTau(3 * unexplained / (omegaMin * reactance))]
            case .warburgTransmissive: return [unexplained, clampTau(2 / omegaMin)]
            case .gerischer, .voigt: return [r, tau]
            case .finiteGerischer: return [r, tau, 1]
            case .zarc: return [r, tau, n]
            case .modifiedInductance: return [arc.diameter / omega0, 1]
            }
        }
    }
}
