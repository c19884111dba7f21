package org.hemowatch.isbt128;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import static org.hemowatch.isbt128.BloodGroupCode.Category.ABO_RHD;
import static org.hemowatch.isbt128.BloodGroupCode.Category.ABO_SUBGROUP;
import static org.hemowatch.isbt128.BloodGroupCode.Category.BOMBAY;
import static org.hemowatch.isbt128.BloodGroupCode.Category.PARA_BOMBAY;
import static org.hemowatch.isbt128.BloodGroupCode.Category.POOLED;
import static org.hemowatch.isbt128.BloodGroupCode.Category.RHD_NOT_SPECIFIED;
import static org.hemowatch.isbt128.BloodGroupCode.Category.SPECIAL_MESSAGE;
import static org.hemowatch.domain.rule.Rules.RESERVED_CHARACTER;
import static org.hemowatch.domain.rule.Rules.UNKNOWN_BLOOD_GROUP;

import java.util.HashMap;
import java.util.Map;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.RhD;
import org.hemowatch.isbt128.BloodGroupCode.Category;

/**
 * The structure-002 group codes: ICCBBA ST-001 v6.2.2 Table 4 [RT005], every row and column,
 * and the blood-product special messages of Table 5 [RT006]. Each Table 4 row is written below
 * as on page 86-88 of the standard: the codes of its columns in the table's column order.
 */
final class BloodGroupTable {

    /** Table 4's columns, left to right. */
    private static final IntendedUse[] COLUMNS = {
        IntendedUse.UNSPECIFIED, IntendedUse.DIRECTED, IntendedUse.EMERGENCY_ONLY, IntendedUse.DIRECTED_BIOHAZARDOUS,
        IntendedUse.DIRECTED_CROSSOVER, IntendedUse.AUTOLOGOUS_CROSSOVER, IntendedUse.AUTOLOGOUS,
        IntendedUse.AUTOLOGOUS_BIOHAZARDOUS,
    };

    private record Entry(Category category, Abo abo, RhD rhd, IntendedUse use, String description) {
    }

    private static final Map<String, Entry> CODES = new HashMap<>();

    static {
        row("95 91 92 93 94 96 97 98", ABO_RHD, Abo.O, RhD.NEG, "O RhD negative");
        row("51 47 48 49 50 52 53 54", ABO_RHD, Abo.O, RhD.POS, "O RhD positive");
        row("06 02 03 04 05 07 08 09", ABO_RHD, Abo.A, RhD.NEG, "A RhD negative");
        row("62 58 59 60 61 63 64 65", ABO_RHD, Abo.A, RhD.POS, "A RhD positive");
        row("17 13 14 15 16 18 19 20", ABO_RHD, Abo.B, RhD.NEG, "B RhD negative");
        row("73 69 70 71 72 74 75 76", ABO_RHD, Abo.B, RhD.POS, "B RhD positive");
        row("28 24 25 26 27 29 30 31", ABO_RHD, Abo.AB, RhD.NEG, "AB RhD negative");
        row("84 80 81 82 83 85 86 87", ABO_RHD, Abo.AB, RhD.POS, "AB RhD positive");
        row("55 P2 P3 P4 P5 P7 P8 P9", RHD_NOT_SPECIFIED, Abo.O, null, "O, RhD not specified");
        row("66 A2 A3 A4 A5 A7 A8 A9", RHD_NOT_SPECIFIED, Abo.A, null, "A, RhD not specified");
        row("77 B2 B3 B4 B5 B7 B8 B9", RHD_NOT_SPECIFIED, Abo.B, null, "B, RhD not specified");
        row("88 C2 C3 C4 C5 C7 C8 C9", RHD_NOT_SPECIFIED, Abo.AB, null, "AB, RhD not specified");
        row("D6 D2 D3 D4 D5 D7 D8 D9", PARA_BOMBAY, null, RhD.NEG, "para-Bombay, RhD negative");
        row("E6 E2 E3 E4 E5 E7 E8 E9", PARA_BOMBAY, null, RhD.POS, "para-Bombay, RhD positive");
        row("G6 G2 G3 G4 G5 G7 G8 G9", BOMBAY, null, RhD.NEG, "Bombay, RhD negative");
        row("H6 H2 H3 H4 H5 H7 H8 H9", BOMBAY, null, RhD.POS, "Bombay, RhD positive");
        row("I6 I2 I3 I4 I5 I7 I8 I9", PARA_BOMBAY, Abo.O, RhD.NEG, "O para-Bombay, RhD negative");
        row("J6 J2 J3 J4 J5 J7 J8 J9", PARA_BOMBAY, Abo.O, RhD.POS, "O para-Bombay, RhD positive");
        row("K6 K2 K3 K4 K5 K7 K8 K9", PARA_BOMBAY, Abo.A, RhD.NEG, "A para-Bombay, RhD negative");
        row("L6 L2 L3 L4 L5 L7 L8 L9", PARA_BOMBAY, Abo.B, RhD.NEG, "B para-Bombay, RhD negative");
        row("M6 M2 M3 M4 M5 M7 M8 M9", PARA_BOMBAY, Abo.AB, RhD.NEG, "AB para-Bombay, RhD negative");
        row("N6 N2 N3 N4 N5 N7 N8 N9", PARA_BOMBAY, Abo.A, RhD.POS, "A para-Bombay, RhD positive");
        row("O6 O2 O3 O4 O5 O7 O8 O9", PARA_BOMBAY, Abo.B, RhD.POS, "B para-Bombay, RhD positive");
        row("Q6 Q2 Q3 Q4 Q5 Q7 Q8 Q9", PARA_BOMBAY, Abo.AB, RhD.POS, "AB para-Bombay, RhD positive");
        // Pooled products and subgroups: the default column only.
        row("A0", POOLED, Abo.A, null, "Group A, pooled RhD");
        row("B0", POOLED, Abo.B, null, "Group B, pooled RhD");
        row("C0", POOLED, Abo.AB, null, "Group AB, pooled RhD");
        row("D0", POOLED, Abo.O, null, "Group O, pooled RhD");
        row("E0", POOLED, null, RhD.POS, "Pooled ABO, RhD positive");
        row("F0", POOLED, null, RhD.NEG, "Pooled ABO, RhD negative");
        row("G0", POOLED, null, null, "Pooled ABO, pooled RhD");
        row("H0", POOLED, null, null, "Pooled ABO (RhD not specified)");
        row("I0", ABO_SUBGROUP, Abo.A, null, "A1");
        row("J0", ABO_SUBGROUP, Abo.A, null, "A2");
        row("K0", ABO_SUBGROUP, Abo.AB, null, "A1B");
        row("L0", ABO_SUBGROUP, Abo.AB, null, "A2B");
    }

    private record Special(String name, IntendedUse use, String description) {
    }

    /** Table 5 without T1-T6, which "shall be used only with tissue products". */
    private static final Map<String, Special> SPECIAL = Map.of(
            "00", new Special("no-information", null, "No ABO or Rh information is available"),
            "Ma", new Special("autologous", IntendedUse.AUTOLOGOUS, "Autologous collection"),
            "Mb", new Special("biohazard", null, "Biohazardous"),
            "Md", new Special("discard", null, "Discard (to be destroyed)"),
            "Mf", new Special("fractionation-only", null, "For fractionation use only"),
            "Mq", new Special("quarantine", null, "Quarantine/hold for further testing or processing"),
            "Mr", new Special("research-only", null, "For research use only"),
            "Mx", new Special("not-for-transfusion", null, "Not for transfusion based on test results"));

    private BloodGroupTable() {
    }

    private static void row(String codes, Category category, Abo abo, RhD rhd, String description) {
        String[] column = codes.split(" ");
        for (int i = 0; i < column.length; i++) {
            Entry previous = CODES.put(column[i], new Entry(category, abo, rhd, COLUMNS[i], description));
            if (previous != null) {
                throw new IllegalStateException("Table 4 code twice: " + column[i]);
            }
        }
    }

    /** The decoded code, or {@code null} if {@code gg} is not a defined code. */
    /**
     * The code of a read's {@code gg} and {@code re} characters, or the {@link Rejection} of a read
     * that is no blood-component group (ST-001 §2.4.2): {@code gg} not in Table 4 or 5, a tissue-only
     * message, or {@code e} other than 0 ("reserved for future use", always 0).
     */
    static BloodGroupCode decode(String gg, String type) {
        BloodGroupCode code = lookup(gg, type);
        if (code == null && isTissueOnly(gg)) {
            throw RejectedException.invalid(UNKNOWN_BLOOD_GROUP, "Blood group code '" + gg + "' is an ISBT 128 special message for"
                    + " tissue products only (ST-001 Table 5), so this is not a blood component label.");
        }
        if (code == null) {
            throw RejectedException.invalid(UNKNOWN_BLOOD_GROUP, "Blood group code '" + gg + "' is neither an ISBT 128 ABO/RhD code"
                    + " nor a special message, so the unit's blood group cannot be read from this label.");
        }
        char e = type.charAt(1);
        if (e != '0') {
            throw RejectedException.invalid(RESERVED_CHARACTER, "The blood group '" + gg + type + "' ends with '" + e + "', but ST-001"
                    + " §2.4.2 reserves that character for future use and sets it to 0, so the read cannot be trusted.");
        }
        return code;
    }

    private static BloodGroupCode lookup(String gg, String type) {
        Special special = SPECIAL.get(gg);
        if (special != null) {
            return new BloodGroupCode(gg, SPECIAL_MESSAGE, null, null, special.use, special.description, special.name, type);
        }
        Entry e = CODES.get(gg);
        if (e == null) {
            return null;
        }
        return new BloodGroupCode(gg, e.category, e.abo, e.rhd, e.use, e.description, null, type);
    }

    /** Whether {@code gg} is a Table 5 code reserved for tissue products ({@code T1} to {@code T6}). */
    static boolean isTissueOnly(String gg) {
        return gg.length() == 2 && gg.charAt(0) == 'T' && gg.charAt(1) >= '1' && gg.charAt(1) <= '6';
    }
}
