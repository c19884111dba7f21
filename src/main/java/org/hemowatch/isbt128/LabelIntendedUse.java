package org.hemowatch.isbt128;

import org.hemowatch.domain.rule.Rules;
import org.hemowatch.domain.rule.Rejection;
import java.util.Optional;
import org.hemowatch.domain.IntendedUse;

/**
 * The intended use of a labelled unit from its two sources: the blood group code (structure 002,
 * ST-001 Table 4) and the product code's type of collection (structure 003, Table 7). Pure.
 *
 * <p>Contract:
 * <ul>
 *   <li>A source that states no restriction (Table 4 "default: intended use not specified", Table 7
 *       {@code 0 V P C 7}, a special message other than {@code Ma}, or a missing structure) never
 *       disagrees with the other; the unit then has the other source's use.</li>
 *   <li>Two sources that both state a restriction disagree unless it is the same Table 4 use.</li>
 *   <li>A research or source collection ({@code R r S s}, not for transfusion) disagrees with any
 *       restricted Table 4 use: a unit cannot be both for a named recipient and not for humans.</li>
 *   <li>A label whose sources disagree must be refused with rule {@value Rejection#INTENDED_USE_MISMATCH}.</li>
 * </ul>
 */
public final class LabelIntendedUse {

    private LabelIntendedUse() {
    }

    /**
     * Why the two sources disagree, as the error to refuse the label with; empty when they agree.
     * Either argument may be {@code null} (that structure was not on the label).
     */
    public static Optional<Rejection> disagreement(BloodGroupCode group, ProductCode product) {
        IntendedUse fromGroup = group == null ? null : group.intendedUse();
        Optional<CollectionType> type = product == null ? Optional.empty() : product.typeOfCollection();
        if (fromGroup == null || !fromGroup.restricted() || type.isEmpty()) {
            return Optional.empty();
        }
        CollectionType t = type.get();
        IntendedUse fromProduct = t.intendedUse().orElse(null);
        boolean contradicts = !t.forTransfusion()
                || (fromProduct != null && fromProduct.restricted() && fromProduct != fromGroup);
        if (!contradicts) {
            return Optional.empty();
        }
        return Optional.of(Rejection.invalid(Rules.INTENDED_USE_MISMATCH, "The blood group code '" + group.code()
                + "' says the unit is " + words(fromGroup) + ", but the product code's type of collection '"
                + t.code() + "' says \"" + t.description() + "\"; the label contradicts itself, so the unit cannot be"
                + " taken in until the labelling site confirms its intended use."));
    }

    /**
     * The unit's intended use: the restricted one when a source states one, else
     * {@link IntendedUse#UNSPECIFIED}. Meaningful only when {@link #disagreement} is empty.
     * Research and source collections give {@code UNSPECIFIED} here; see {@link #restricted}.
     */
    public static IntendedUse effective(BloodGroupCode group, ProductCode product) {
        if (group != null && group.intendedUse() != null && group.intendedUse().restricted()) {
            return group.intendedUse();
        }
        return Optional.ofNullable(product).flatMap(ProductCode::typeOfCollection).flatMap(CollectionType::intendedUse)
                .orElse(IntendedUse.UNSPECIFIED);
    }

    /**
     * Whether the unit must be kept out of general stock: a restricted {@link #effective} use, or a
     * product type of collection that is restricted (research, source, therapeutic, see special testing).
     */
    public static boolean restricted(BloodGroupCode group, ProductCode product) {
        return effective(group, product).restricted()
                || Optional.ofNullable(product).flatMap(ProductCode::typeOfCollection).map(CollectionType::restricted)
                        .orElse(false);
    }

    /**
     * The intended use to keep on the unit: {@link #effective}, except that a research or source
     * collection (type of collection {@code R r} / {@code S s}, not for transfusion) is
     * {@link IntendedUse#RESEARCH} / {@link IntendedUse#SOURCE_PLASMA}, and a therapeutic collection
     * ({@code T}) or one whose type is in the special testing bar code ({@code Q}) is
     * {@link IntendedUse#THERAPEUTIC} / {@link IntendedUse#SEE_SPECIAL_TESTING} unless the group code
     * states a restriction, so none of them ever counts as general stock.
     * Null when neither structure was read. Meaningful only when {@link #disagreement} is empty.
     */
    public static IntendedUse ofUnit(BloodGroupCode group, ProductCode product) {
        if (group == null && product == null) {
            return null;
        }
        Optional<CollectionType> type = product == null ? Optional.empty() : product.typeOfCollection();
        if (type.isPresent() && !type.get().forTransfusion()) {
            char c = type.get().code();
            return c == 'R' || c == 'r' ? IntendedUse.RESEARCH : IntendedUse.SOURCE_PLASMA;
        }
        IntendedUse use = effective(group, product);
        if (!use.restricted() && type.isPresent() && type.get().restricted()) {
            return type.get().code() == 'T' ? IntendedUse.THERAPEUTIC : IntendedUse.SEE_SPECIAL_TESTING;
        }
        return use;
    }

    private static String words(IntendedUse use) {
        return switch (use) {
            case UNSPECIFIED -> "for any recipient";
            case DIRECTED -> "for a directed recipient only";
            case EMERGENCY_ONLY -> "for emergency use only";
            case DIRECTED_BIOHAZARDOUS -> "for a directed recipient only and biohazardous";
            case DIRECTED_CROSSOVER -> "a directed collection eligible for crossover";
            case AUTOLOGOUS_CROSSOVER -> "an autologous collection eligible for crossover";
            case AUTOLOGOUS -> "for autologous use only";
            case AUTOLOGOUS_BIOHAZARDOUS -> "for autologous use only and biohazardous";
            case RESEARCH -> "for research only";
            case SOURCE_PLASMA -> "source plasma for fractionation only";
            case THERAPEUTIC -> "a therapeutic collection";
            case SEE_SPECIAL_TESTING -> "of the type of collection given in the special testing bar code";
        };
    }
}
