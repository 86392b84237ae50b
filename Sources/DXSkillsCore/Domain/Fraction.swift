import BigInt

/// An exact rational number, for evaluation totals (reference §4.8: no intermediate rounding).
///
/// Always kept in lowest terms with a positive denominator, so equal values are equal fractions.
/// Values whose terms fit a machine word are computed in machine integers, with overflow checked
/// on every step; a step that would overflow is done again in `BigInt`. A city's ranking does
/// hundreds of thousands of these operations, and allocating a `BigInt` for each was most of its
/// time (BENCHMARKS.md).
public struct Fraction: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `small` whenever both reduced terms fit an `Int` (so each value has one representation).
    enum Storage: Sendable, Hashable {
        case small(Int, Int)
        case big(BigInt, BigInt)
    }

    let storage: Storage

    public var numerator: BigInt {
        switch storage {
        case .small(let numerator, _): BigInt(numerator)
        case .big(let numerator, _): numerator
        }
    }

    public var denominator: BigInt {
        switch storage {
        case .small(_, let denominator): BigInt(denominator)
        case .big(_, let denominator): denominator
        }
    }

    public init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(denominator != 0, "a fraction with denominator 0")
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        let sign: BigInt = denominator < 0 ? -1 : 1
        let n = sign * numerator / divisor
        let d = sign * denominator / divisor
        if let small = Int(exactly: n), let smallDenominator = Int(exactly: d) {
            storage = .small(small, smallDenominator)
        } else {
            storage = .big(n, d)
        }
    }

    public init(_ value: Int) {
        storage = .small(value, 1)
    }

    public init(_ numerator: Int, over denominator: Int) {
        self = Fraction.reduced(numerator, denominator) ?? Fraction(BigInt(numerator), BigInt(denominator))
    }

    /// n/d in lowest terms with d > 0, or nil when that needs more than an `Int` (only at Int.min).
    static func reduced(_ numerator: Int, _ denominator: Int) -> Fraction? {
        precondition(denominator != 0, "a fraction with denominator 0")
        let divisor = Int(truncatingIfNeeded: gcd(numerator.magnitude, denominator.magnitude))
        guard divisor > 0, numerator != .min, denominator != .min else { return nil }
        let sign = denominator < 0 ? -1 : 1
        return Fraction(storage: .small(sign * (numerator / divisor), sign * (denominator / divisor)))
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    public static let zero = Fraction(0)
    public static let one = Fraction(1)
    public static let hundred = Fraction(100)

    /// A decimal literal exactly: `12.50`, `-3`, `0.1`, `1e-07`, `2.5E+3`. Nil when it is not one.
    public init?(decimal text: String) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(mantissa[mantissa.index(after: e)...]), abs(value) < 1_000 else { return nil }
            exponent = value
            mantissa = mantissa[..<e]
        }
        var negative = false
        if let sign = mantissa.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            mantissa = mantissa.dropFirst()
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let decimals = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && decimals.isEmpty),
            whole.utf8.allSatisfy({ (0x30...0x39).contains($0) }), decimals.utf8.allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        exponent -= decimals.count
        // Up to 18 digits and a power of ten up to 10^18 fit an Int.
        if whole.utf8.count + decimals.utf8.count <= 18, abs(exponent) <= 18 {
            var digits = 0
            for byte in whole.utf8 { digits = digits * 10 + Int(byte - 0x30) }
            for byte in decimals.utf8 { digits = digits * 10 + Int(byte - 0x30) }
            var scale = 1
            for _ in 0..<abs(exponent) { scale *= 10 }
            let value = negative ? -digits : digits
            if exponent <= 0 {
                self = Fraction(value, over: scale)
                return
            }
            let (product, overflow) = value.multipliedReportingOverflow(by: scale)
            if !overflow {
                self = Fraction(product)
                return
            }
        }
        guard let digits = BigInt(whole + decimals) else { return nil }
        let scale = BigInt(10).power(abs(exponent))
        let value = negative ? -digits : digits
        self = exponent >= 0 ? Fraction(value * scale) : Fraction(value, scale)
    }

    /// A Double's shortest decimal form, exactly (JSON numbers arrive as Double: `0.1` stays 1/10).
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.init(decimal: "\(value)")
    }

    public static func + (a: Fraction, b: Fraction) -> Fraction {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            if ad == bd {
                let (sum, overflow) = an.addingReportingOverflow(bn)
                if !overflow, let result = reduced(sum, ad) { return result }
            } else if let x = product(an, bd), let y = product(bn, ad), let d = product(ad, bd) {
                let (sum, overflow) = x.addingReportingOverflow(y)
                if !overflow, let result = reduced(sum, d) { return result }
            }
        }
        return Fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func - (a: Fraction, b: Fraction) -> Fraction {
        if case .small(let bn, let bd) = b.storage, bn != .min {
            return a + Fraction(storage: .small(-bn, bd))
        }
        return Fraction(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func * (a: Fraction, b: Fraction) -> Fraction {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage,
            let n = product(an, bn), let d = product(ad, bd), let result = reduced(n, d)
        {
            return result
        }
        return Fraction(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func / (a: Fraction, b: Fraction) -> Fraction {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage,
            let n = product(an, bd), let d = product(ad, bn), d != 0, let result = reduced(n, d)
        {
            return result
        }
        return Fraction(a.numerator * b.denominator, a.denominator * b.numerator)
    }

    public static func < (a: Fraction, b: Fraction) -> Bool {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage,
            let x = product(an, bd), let y = product(bn, ad)
        {
            return x < y
        }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    private static func product(_ a: Int, _ b: Int) -> Int? {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : result
    }

    /// The value rounded half away from zero to `places` decimals, as an integer count of 10^-places.
    public func rounded(places: Int) -> BigInt {
        if let units = roundedUnits(places: places) { return BigInt(units) }
        let scaled = numerator.magnitude * BigUInt(10).power(places)
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: denominator.magnitude)
        let magnitude = remainder * 2 >= denominator.magnitude ? quotient + 1 : quotient
        return numerator < 0 ? -BigInt(magnitude) : BigInt(magnitude)
    }

    /// `rounded(places:)` in machine integers, nil when it does not fit.
    func roundedUnits(places: Int) -> Int? {
        guard case .small(let n, let d) = storage, places <= 18 else { return nil }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = n.magnitude
        let (scaled, overflow) = magnitude.multipliedReportingOverflow(by: UInt(scale))
        guard !overflow else { return nil }
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: UInt(d))
        let rounded = remainder >= UInt(d) - remainder ? quotient + 1 : quotient
        guard let units = Int(exactly: rounded) else { return nil }
        return n < 0 ? -units : units
    }

    /// Rounded half away from zero and written with exactly `places` decimals: `83.33`, `-0.50`.
    public func decimalText(places: Int) -> String {
        let negative: Bool
        let digits: String
        if let units = roundedUnits(places: places) {
            negative = units < 0
            digits = String(units.magnitude)
        } else {
            let units = rounded(places: places)
            negative = units < 0
            digits = String(units.magnitude)
        }
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -places)
        let text = places == 0 ? padded : padded[..<cut] + "." + padded[cut...]
        return negative ? "-" + text : text
    }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
}
