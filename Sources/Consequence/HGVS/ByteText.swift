/// Decimal numbers appended to UTF-8 byte buffers, for the text of CSQ entries and HGVS names without `String`s.
extension Array where Element == UInt8 {
    /// Appends `n` in decimal (`-` first when negative), as `"\(n)"` writes it.
    @inline(__always) mutating func appendDecimal(_ n: Int) {
        if n < 0 {
            append(UInt8(ascii: "-"))
            // Int.min has no positive counterpart; it never occurs here, but must not trap.
            if n == Int.min { append(contentsOf: Array(String(n).utf8.dropFirst())); return }
            appendDecimal(-n)
            return
        }
        if n < 10 { append(UInt8(ascii: "0") &+ UInt8(n)); return }
        var div = 10
        while div <= n / 10 { div *= 10 }
        var x = n
        while div > 0 {
            append(UInt8(ascii: "0") &+ UInt8(x / div))
            x %= div
            div /= 10
        }
    }
}
