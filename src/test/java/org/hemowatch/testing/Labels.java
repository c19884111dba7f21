package org.hemowatch.testing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * ISBT 128 label data for tests, with correct Mod 37-2 flags (computed independently, see
 * /work/shared/reference/isbt128.md: A999926000001 → 8 → flag 68).
 */
public final class Labels {

    private Labels() {
    }

    public static final String DIN_1 = "A999926000001";
    public static final String DIN_1_READ = "=A99992600000168";
    public static final String DIN_2 = "A999926000002";
    public static final String DIN_2_READ = "=A99992600000266";
    public static final String DIN_3 = "A999926000003";
    public static final String DIN_3_READ = "=A99992600000364";
    public static final String O_NEG = "=%9500";
    public static final String A_POS = "=%6200";
    public static final String RED_CELLS = "=<E0398V00";
    /**
     * The expiry data structure ({@code &>cyyjjjhhmm}, ST-001 data structure 005) for noon local time,
     * {@code days} days after the current date of {@code clock}. Label dates in tests are always built
     * this way, from the clock the code under test uses (a {@link TestClock}, or the system clock for
     * tests that run against it), never written as fixed dates: a fixed date is a time bomb (see
     * {@code NoFixedLabelDatesTest}).
     */
    public static String expiryInDays(Clock clock, int days) {
        return expiry(LocalDate.now(clock).plusDays(days).atTime(12, 0));
    }

    /** The expiry data structure for a local date and time of the label's site. */
    public static String expiry(LocalDateTime local) {
        return "&>" + cyyjjj(local.toLocalDate()) + String.format("%02d%02d", local.getHour(), local.getMinute());
    }

    /** The century digit, year and day of year of a date as ST-001 date structures carry them ({@code cyyjjj}). */
    public static String cyyjjj(LocalDate date) {
        int century = date.getYear() / 100 - 20;
        if (century < 0 || century > 9) {
            throw new IllegalArgumentException("ISBT 128 dates cover 2000-2999: " + date);
        }
        return String.format("%d%02d%03d", century, date.getYear() % 100, date.getDayOfYear());
    }

    /** The DIN data structure of a 13-character DIN, with its Mod 37-2 check value as flags (60 + value). */
    public static String dinRead(String din) {
        char check = org.hemowatch.isbt128.Isbt128Decoder.mod37_2(din);
        int value = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*".indexOf(check);
        return "=" + din + (60 + value);
    }

    /** One concatenated read of a whole label. */
    public static String label(String dinRead, String group, String product, String expiry) {
        return dinRead + group + product + expiry;
    }
}
