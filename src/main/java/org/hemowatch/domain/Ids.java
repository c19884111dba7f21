package org.hemowatch.domain;

import java.util.regex.Pattern;

/**
 * The one id rule for sites, devices, scanners and stations, wherever they come from (config file,
 * HTTP path or body, MQTT topic, API key device list): 1 to {@value #MAX_LENGTH} ASCII letters,
 * digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit. So an id is always
 * safe as a topic level, a path segment, a metric label value and a log token: no {@code /},
 * {@code +}, {@code #}, spaces, control or bidirectional characters, and no {@code ..} prefix.
 */
public final class Ids {

    public static final int MAX_LENGTH = 64;
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX_LENGTH - 1) + "}");
    public static final String DESCRIPTION = "1-" + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit";
    /** Stable rule name of an id that breaks the pattern. */
    public static final String RULE = "bad-id";

    private Ids() {
    }

    /** True if {@code id} matches {@link #PATTERN}; checked without the regex engine (it runs for every MQTT message). */
    public static boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || !letterOrDigit(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!letterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
