import BigInt

/// An exact rational number, for evaluation totals (SPEC §4.8: no intermediate rounding).
///
/// Always kept in lowest terms with a positive denominator, so equal values are equal fractions.
public struct Fraction: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: BigInt
    public let denominator: BigInt

    public init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(denominator != 0, "a fraction with denominator 0")
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        let sign: BigInt = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    public init(_ value: Int) {
        self.numerator = BigInt(value)
        self.denominator = 1
    }

    public init(_ numerator: Int, over denominator: Int) {
        self.init(BigInt(numerator), BigInt(denominator))
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
        guard !(whole.isEmpty && decimals.isEmpty), (whole + decimals).allSatisfy({ $0.isASCII && $0.isNumber }),
            let digits = BigInt(whole + decimals)
        else { return nil }
        exponent -= decimals.count
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
        Fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func - (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func * (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func / (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.denominator, a.denominator * b.numerator)
    }

    public static func < (a: Fraction, b: Fraction) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// The value rounded half away from zero to `places` decimals, as an integer count of 10^-places.
    public func rounded(places: Int) -> BigInt {
        let scaled = numerator.magnitude * BigUInt(10).power(places)
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: denominator.magnitude)
        let magnitude = remainder * 2 >= denominator.magnitude ? quotient + 1 : quotient
        return numerator < 0 ? -BigInt(magnitude) : BigInt(magnitude)
    }

    /// Rounded half away from zero and written with exactly `places` decimals: `83.33`, `-0.50`.
    public func decimalText(places: Int) -> String {
        let units = rounded(places: places)
        let digits = String(units.magnitude)
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -places)
        let text = places == 0 ? padded : padded[..<cut] + "." + padded[cut...]
        return units < 0 ? "-" + text : text
    }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
}
