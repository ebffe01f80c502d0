/// Text made safe to show in a terminal. A cell holding an escape sequence could
/// otherwise clear the screen, retitle the window or plant a hidden hyperlink
/// (OSC 8) in what a coordinator reads; a bare carriage return could overwrite a
/// line. Every control character is shown as a visible escape instead.
public enum TerminalText {
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar.value {
            case 0x0D where pending == "\n":
                // A line break would break the alignment: a visible mark instead.
                out += "↵"
                pending = scalars.next()
            case 0x0A:
                out += "↵"
            case 0x00...0x1F, 0x7F...0x9F:
                out += "\\x" + hex(scalar.value, width: 2)
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                // Direction overrides make text display in another order than it is.
                out += "\\u" + hex(scalar.value, width: 4)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
