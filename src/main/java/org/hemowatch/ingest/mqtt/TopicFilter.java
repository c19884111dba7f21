package org.hemowatch.ingest.mqtt;

/** MQTT topic filter matching ({@code +} one level, {@code #} this level and all below), pure. */
public final class TopicFilter {

    private TopicFilter() {
    }

    /** True if the filter is well formed: {@code #} only last and alone in its level, {@code +} alone in its level. */
    public static boolean valid(String filter) {
        if (filter == null || filter.isEmpty()) {
            return false;
        }
        String[] l = filter.split("/", -1);
        for (int i = 0; i < l.length; i++) {
            if (l[i].contains("#") && (!l[i].equals("#") || i != l.length - 1)) {
                return false;
            }
            if (l[i].contains("+") && !l[i].equals("+")) {
                return false;
            }
        }
        return true;
    }

    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
