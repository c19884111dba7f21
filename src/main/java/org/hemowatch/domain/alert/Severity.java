package org.hemowatch.domain.alert;

/** Alert severity, ordered: INFO &lt; WARNING &lt; CRITICAL &lt; EMERGENCY. */
public enum Severity {
    INFO, WARNING, CRITICAL, EMERGENCY;

    /** One step up; EMERGENCY stays EMERGENCY. */
    public Severity next() {
        return this == EMERGENCY ? EMERGENCY : values()[ordinal() + 1];
    }

    public boolean higherThan(Severity other) {
        return compareTo(other) > 0;
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
