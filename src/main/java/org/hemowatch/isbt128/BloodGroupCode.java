package org.hemowatch.isbt128;

import java.util.Objects;
import java.util.Optional;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.RhD;

/**
 * Structure 002, blood groups: ABO/RhD (with the collection type folded into the code) or a
 * special message such as "quarantine".
 *
 * @param code    the two-character group code {@code gg} as read, e.g. {@code "51"} or {@code "Mq"}
 * @param abo     the ABO group, or {@code null} for a special message
 * @param rhd     the RhD type, or {@code null} when the code does not specify it or is a special message
 * @param special the special message ({@code "autologous"}, {@code "biohazard"}, {@code "discard"},
 *                {@code "fractionation-only"}, {@code "quarantine"}, {@code "research-only"},
 *                {@code "not-for-transfusion"}, {@code "no-information"}), or {@code null} for a group
 * @param type    the {@code r} and {@code e} characters as read (Kell/other antigen information, reserved)
 */
public record BloodGroupCode(String code, Abo abo, RhD rhd, String special, String type)
        implements Isbt128Structure {

    public BloodGroupCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String structure() {
        return "002";
    }

    @Override
    public String kind() {
        return KIND_BLOOD_GROUP;
    }

    /** The blood group, present only when both ABO and RhD are known. */
    public Optional<BloodGroup> group() {
        return abo != null && rhd != null ? Optional.of(new BloodGroup(abo, rhd)) : Optional.empty();
    }
}
