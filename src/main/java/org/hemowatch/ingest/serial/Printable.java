package org.hemowatch.ingest.serial;

/** Renders raw line bytes for error messages and logs: printable ASCII as is, the rest escaped. */
final class Printable {
    static final int EXCERPT = 40;

    private Printable() {
    }

    static String excerpt(byte[] buf, int len) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(len, EXCERPT);
        for (int i = 0; i < shown; i++) {
            appendEscaped(sb, buf[i] & 0xFF);
        }
        if (len > shown) {
            sb.append("...(").append(len).append(" bytes)");
        }
        return sb.toString();
    }

    static String escapeByte(int b) {
        StringBuilder sb = new StringBuilder();
        appendEscaped(sb, b);
        return sb.toString();
    }

    private static void appendEscaped(StringBuilder sb, int b) {
        switch (b) {
            case '\r' -> sb.append("\\r");
            case '\n' -> sb.append("\\n");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (b >= 0x20 && b <= 0x7E) {
                    sb.append((char) b);
                } else {
                    sb.append(String.format("\\x%02X", b));
                }
            }
        }
    }
}
