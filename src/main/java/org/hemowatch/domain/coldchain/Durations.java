package org.hemowatch.domain.coldchain;

import java.time.Duration;

/** Human-readable durations for reasons and causes: {@code 30 min}, {@code 1 h 30 min}, {@code 45 s}. */
final class Durations {

    private Durations() {
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append(" h");
        }
        if (m > 0) {
            b.append(b.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (sec > 0 || b.isEmpty()) {
            b.append(b.isEmpty() ? "" : " ").append(sec).append(" s");
        }
        return b.toString();
    }

    /** True if at least {@code limit} has passed from {@code since} to {@code now}. */
    static boolean elapsed(java.time.Instant since, java.time.Instant now, Duration limit) {
        return Duration.between(since, now).compareTo(limit) >= 0;
    }
}
