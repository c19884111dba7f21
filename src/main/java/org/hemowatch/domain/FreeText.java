package org.hemowatch.domain;

/**
 * The one limit on free text a client sends (names, locations, destinations, operators, reasons,
 * comments): at most {@value #MAX_LENGTH} characters and no control or formatting characters
 * (a line break in a key name would forge a log line). Rule {@value #RULE}.
 */
public final class FreeText {

    public static final int MAX_LENGTH = 200;
    public static final String RULE = "bad-text";

    private FreeText() {
    }

    /** Null when the text is acceptable, otherwise what is wrong with it. */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            return "at most " + MAX_LENGTH + " characters (got " + text.length() + ")";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return "no control or formatting characters (found U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }
}
