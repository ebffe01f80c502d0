/// A cell folded to ASCII for the identifying-data patterns: full-width forms to
/// their ASCII letters and digits, every dash and minus to `-`, every kind of space,
/// tab and line break to one space, invisible characters (zero-width spaces and
/// joiners, soft hyphens, byte-order marks, direction marks) left out, other
/// letters to `a`, other digits to their value.
enum CellFolding {
    static func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                if out.last != 0x20 { out.append(0x20) }
            case 0x200B...0x200F, 0x202A...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF, 0xAD:
                continue
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63:
                out.append(0x2D)
            case 0xFF01...0xFF5E:
                out.append(UInt8(v - 0xFEE0))
            case 0x00...0x7F:
                out.append(UInt8(v))
            default:
                if scalar.properties.numericType == .decimal, let digit = scalar.properties.numericValue {
                    out.append(0x30 + UInt8(digit))
                } else if scalar.properties.isAlphabetic {
                    out.append(0x61)
                } else {
                    out.append(0x3F)
                }
            }
        }
        return out
    }
}
