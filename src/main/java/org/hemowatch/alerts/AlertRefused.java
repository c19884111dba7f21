package org.hemowatch.alerts;

/** A person's action on an alert was refused by the book ({@code rule} as in {@code AlertOutcome.Refused}). */
public final class AlertRefused extends RuntimeException {

    private final String rule;

    public AlertRefused(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
