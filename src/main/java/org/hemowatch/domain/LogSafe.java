package org.hemowatch.domain;

/**
 * Renders a client-supplied value for a log line: printable characters as they are, control and
 * formatting characters (line breaks, escape sequences, bidirectional overrides) escaped as
 * {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, backslashes doubled, long values cut.
 * So a client id or key name with a newline cannot forge a log line.
 */
public final class LogSafe {

    public static final int MAX_LENGTH = 200;

    private LogSafe() {
    }

    public static String escape(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 8);
        int n = Math.min(value.length(), MAX_LENGTH);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                            || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (value.length() > n) {
            sb.append("...(").append(value.length()).append(" chars)");
        }
        return sb.toString();
    }
}
