package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;

/**
 * MQTT topic names of alerts. The subject is made a single topic level: {@code /} becomes
 * {@code _}, and the wildcard characters {@code +} and {@code #} (forbidden in topic names) are
 * percent-encoded as {@code %2B} and {@code %23} ({@code %} itself as {@code %25}); e.g.
 * {@code RBC/O-} → {@code RBC_O-}, {@code RBC/AB+} → {@code RBC_AB%2B}.
 */
public final class AlertTopics {

    private AlertTopics() {
    }

    /** {@code hemowatch/v1/{site}/alerts/{kind-topic}/{subject}}. */
    public static String alertTopic(Alert a) {
        return "hemowatch/v1/" + level(a.site()) + "/alerts/" + a.kind().topic() + "/" + level(a.subject());
    }

    /** {@code hemowatch/v1/{site}/stations/{station}/alerts}. */
    public static String stationTopic(String site, String station) {
        return "hemowatch/v1/" + level(site) + "/stations/" + level(station) + "/alerts";
    }

    /** One topic level for any text (see the class comment). */
    public static String level(String text) {
        if (text.isEmpty()) {
            return "_";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '/' -> b.append('_');
                case '+' -> b.append("%2B");
                case '#' -> b.append("%23");
                case '%' -> b.append("%25");
                default -> {
                    if (c >= 0x20 && c != 0x7f) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    static boolean isTopicSafe(String text) {
        return level(text).equals(text);
    }
}
