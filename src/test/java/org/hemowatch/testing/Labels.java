package org.hemowatch.testing;

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
    /** 2026 day 330 = 26 November 2026, 12:00 local time. */
    public static final String EXPIRY_2026_11_26 = "&>0263301200";

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
