package org.hemowatch.isbt128;

/**
 * Recognises pre-ISBT "ABC Codabar" labels (e.g. unit number {@code D1234567D}, ABO/Rh {@code D510B}):
 * a start and a stop character A-D around Codabar data characters.
 */
final class Codabar {

    private static final String START_STOP = "ABCDabcd";
    private static final String DATA = "0123456789-$:/.+";

    static final String MESSAGE = "This is a pre-ISBT 128 Codabar label, and Codabar labels are not supported; "
            + "the unit needs an ISBT 128 label before it can be scanned in.";

    private Codabar() {
    }

    static boolean looksLike(String data) {
        if (data.length() < 3
                || START_STOP.indexOf(data.charAt(0)) < 0
                || START_STOP.indexOf(data.charAt(data.length() - 1)) < 0) {
            return false;
        }
        for (int i = 1; i < data.length() - 1; i++) {
            if (DATA.indexOf(data.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
