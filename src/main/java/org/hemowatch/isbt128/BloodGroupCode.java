package org.hemowatch.isbt128;

import java.util.Objects;
import java.util.Optional;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.RhD;

/**
 * Structure 002, blood groups (ICCBBA ST-001 §2.4.2): an ABO/RhD code of Table 4, which also
 * carries the intended use, or a special message of Table 5.
 *
 * @param code        the two-character group code {@code gg} as read, e.g. {@code "51"}, {@code "P2"} or {@code "Mq"}
 * @param category    what kind of code it is; only {@link Category#ABO_RHD} codes give a {@link #group()}
 * @param abo         the ABO group the code fixes, or {@code null} (pooled ABO, Bombay, special message)
 * @param rhd         the RhD type the code fixes, or {@code null} (RhD not specified or pooled, special message)
 * @param intendedUse the Table 4 column (for {@code Ma}, autologous), or {@code null} for the other special messages
 * @param description the code's meaning in the words of Table 4 or 5, e.g. {@code "O RhD negative"}
 * @param special     the special message ({@code "autologous"}, {@code "biohazard"}, {@code "discard"},
 *                    {@code "fractionation-only"}, {@code "quarantine"}, {@code "research-only"},
 *                    {@code "not-for-transfusion"}, {@code "no-information"}), or {@code null} for a group
 * @param type        the {@code r} and {@code e} characters as read ({@code r}: Table 6 Rh/Kell/Mi<sup>a</sup> phenotypes)
 */
public record BloodGroupCode(String code, Category category, Abo abo, RhD rhd, IntendedUse intendedUse,
        String description, String special, String type) implements Isbt128Structure {

    /** The rows of Table 4 (and Table 5) a code belongs to. */
    public enum Category {
        /** ABO and RhD both fixed: the first eight rows of Table 4. */
        ABO_RHD,
        /** ABO fixed, RhD not specified: {@code 55 66 77 88} and the {@code P/A/B/C} rows. */
        RHD_NOT_SPECIFIED,
        /** Bombay (O<sub>h</sub>) phenotype: never group O. */
        BOMBAY,
        /** para-Bombay phenotype, with or without the ABO group: never plain O. */
        PARA_BOMBAY,
        /** A pooled product: ABO and/or RhD pooled. */
        POOLED,
        /** A<sub>1</sub>, A<sub>2</sub>, A<sub>1</sub>B, A<sub>2</sub>B: ABO subgroup, RhD not specified. */
        ABO_SUBGROUP,
        /** A Table 5 special message, not a group. */
        SPECIAL_MESSAGE
    }

    public BloodGroupCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        if (type.length() != 2) {
            throw new IllegalArgumentException("the type characters are two (r and e): " + type);
        }
        if (category == Category.ABO_RHD && (abo == null || rhd == null)) {
            throw new IllegalArgumentException("an ABO/RhD code fixes both: " + code);
        }
    }

    @Override
    public String structure() {
        return "002";
    }

    @Override
    public String kind() {
        return KIND_BLOOD_GROUP;
    }

    /**
     * The blood group, present only for a plain ABO/RhD code: never for Bombay, para-Bombay,
     * pooled, subgroup or RhD-not-specified codes, so none of them can be taken for plain O.
     */
    public Optional<BloodGroup> group() {
        return category == Category.ABO_RHD ? Optional.of(new BloodGroup(abo, rhd)) : Optional.empty();
    }

    /** Table 6 {@code W}: a special testing bar code is present and must be scanned and interpreted. */
    public boolean specialTestingBarcode() {
        return type.charAt(0) == 'W';
    }
}
