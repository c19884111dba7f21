package org.hemowatch.isbt128;

import java.util.Map;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.RhD;

/**
 * The ABO/RhD meaning of a structure-002 group code. A group has a range of codes; the offset
 * inside the range is the collection type (directed, emergency, autologous...), which is not
 * decoded here.
 */
final class BloodGroupTable {

    private record Range(int from, int to, Abo abo, RhD rhd) {
    }

    private static final Range[] RANGES = {
        new Range(91, 98, Abo.O, RhD.NEG),
        new Range(47, 54, Abo.O, RhD.POS),
        new Range(2, 9, Abo.A, RhD.NEG),
        new Range(58, 65, Abo.A, RhD.POS),
        new Range(13, 20, Abo.B, RhD.NEG),
        new Range(69, 76, Abo.B, RhD.POS),
        new Range(24, 31, Abo.AB, RhD.NEG),
        new Range(80, 87, Abo.AB, RhD.POS),
    };

    private static final Map<Integer, Abo> RHD_NOT_SPECIFIED = Map.of(55, Abo.O, 66, Abo.A, 77, Abo.B, 88, Abo.AB);

    private static final Map<String, String> SPECIAL = Map.of(
            "00", "no-information",
            "Ma", "autologous",
            "Mb", "biohazard",
            "Md", "discard",
            "Mf", "fractionation-only",
            "Mq", "quarantine",
            "Mr", "research-only",
            "Mx", "not-for-transfusion");

    private BloodGroupTable() {
    }

    /** The decoded code, or {@code null} if {@code gg} is not a defined code. */
    static BloodGroupCode lookup(String gg, String type) {
        String special = SPECIAL.get(gg);
        if (special != null) {
            return new BloodGroupCode(gg, null, null, special, type);
        }
        if (!Character.isDigit(gg.charAt(0)) || !Character.isDigit(gg.charAt(1))) {
            return null;
        }
        int n = Integer.parseInt(gg);
        Abo unspecified = RHD_NOT_SPECIFIED.get(n);
        if (unspecified != null) {
            return new BloodGroupCode(gg, unspecified, null, null, type);
        }
        for (Range r : RANGES) {
            if (n >= r.from && n <= r.to) {
                return new BloodGroupCode(gg, r.abo, r.rhd, null, type);
            }
        }
        return null;
    }
}
