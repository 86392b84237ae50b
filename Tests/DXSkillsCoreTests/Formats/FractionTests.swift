import BigInt
import Testing

@testable import DXSkillsCore

@Suite("Exact fractions")
struct FractionTests {
    @Test("decimal literals and Double shortest forms are read exactly")
    func parsing() {
        #expect(Fraction(decimal: "12.50") == Fraction(25, over: 2))
        #expect(Fraction(decimal: "-3") == Fraction(-3))
        #expect(Fraction(decimal: "1e-07") == Fraction(1, over: 10_000_000))
        #expect(Fraction(decimal: "2.5E+3") == Fraction(2500))
        #expect(Fraction(0.1) == Fraction(1, over: 10))
        #expect(Fraction(1.005) == Fraction(201, over: 200))
        for bad in ["", ".", "1.2.3", "abc", "1e", "１"] { #expect(Fraction(decimal: bad) == nil, "\(bad)") }
    }

    @Test("rounding is half away from zero on the exact value, where a Double would round 1.005 down")
    func rounding() {
        #expect(Fraction(1.005)!.decimalText(places: 2) == "1.01")
        #expect(String(format: "%.2f", 1.005) == "1.00")
        #expect(Fraction(decimal: "15.625")!.decimalText(places: 2) == "15.63")
        #expect(Fraction(decimal: "-15.625")!.decimalText(places: 2) == "-15.63")
        #expect(Fraction(decimal: "15.6249")!.decimalText(places: 2) == "15.62")
        #expect(Fraction(2, over: 3).decimalText(places: 6) == "0.666667")
        #expect(Fraction(1, over: 3).decimalText(places: 2) == "0.33")
        #expect(Fraction(0).decimalText(places: 2) == "0.00")
        #expect(Fraction(7, over: 100).decimalText(places: 2) == "0.07")
        #expect(Fraction(100).decimalText(places: 0) == "100")
    }

    @Test("arithmetic stays exact: thirds add up to one")
    func arithmetic() {
        let third = Fraction(1, over: 3)
        #expect(third + third + third == .one)
        #expect(Fraction(1, over: 10) * Fraction(3) == Fraction(decimal: "0.3"))
        #expect(Fraction(731, over: 12) > Fraction(decimal: "60.91")!)
        #expect(Fraction(5) - Fraction(7) == Fraction(-2))
    }

    @Test("a step that overflows machine integers is done again exactly, and comes back to them")
    func overflow() {
        let max = Fraction(Int.max)
        let square = max * max
        #expect(square.numerator == BigInt(Int.max) * BigInt(Int.max))
        #expect(square / max == max)
        #expect(Fraction(Int.max, over: 3) + Fraction(Int.max, over: 5) == Fraction(BigInt(Int.max) * 8, BigInt(15)))
        #expect(Fraction(Int.min, over: 1) - Fraction(1) == Fraction(BigInt(Int.min) - 1))
        #expect(Fraction(Int.min, over: -2) == Fraction(BigInt(2).power(62)))
        #expect(Fraction(1, over: Int.max) < Fraction(1, over: Int.max - 1))
        #expect((square + .one).decimalText(places: 2) == "\(BigInt(Int.max) * BigInt(Int.max) + 1).00")
        #expect(Fraction(decimal: "123456789012345678901.5")! * Fraction(2) == Fraction(decimal: "246913578024691357803")!)
        #expect(Fraction(decimal: "1e18")! * Fraction(10) == Fraction(BigInt(10).power(19)))
    }
}
