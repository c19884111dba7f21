package org.hemowatch.domain;

import java.util.Optional;

/**
 * A special message printed in place of the blood group in ISBT 128 data structure 002
 * ({@code =%Mx00} and the like; ST-001 Table 5). It tells every reader of the label that the unit
 * must not be treated as ordinary stock, so {@link SpecialMessages} never lets a scan carrying one
 * pass unnoticed. {@link #hold()} says what a scan that moves or stores a known unit does with it.
 */
public enum SpecialMessage {
    /** {@code 00}: no ABO/RhD information on this label. */
    NO_INFORMATION("00", "no-information", Hold.REFUSE),
    /** {@code Ma}: autologous collection. */
    AUTOLOGOUS("Ma", "autologous", Hold.QUARANTINE),
    /** {@code Mb}: biohazard. */
    BIOHAZARD("Mb", "biohazard", Hold.QUARANTINE),
    /** {@code Md}: discard: to be destroyed. */
    DISCARD("Md", "discard", Hold.QUARANTINE),
    /** {@code Mf}: for fractionation use only. */
    FRACTIONATION_ONLY("Mf", "fractionation-only", Hold.QUARANTINE),
    /** {@code Mq}: quarantine / hold for further processing. */
    QUARANTINE("Mq", "quarantine", Hold.QUARANTINE),
    /** {@code Mr}: for research use only. */
    RESEARCH_ONLY("Mr", "research-only", Hold.QUARANTINE),
    /** {@code Mx}: not for transfusion. */
    NOT_FOR_TRANSFUSION("Mx", "not-for-transfusion", Hold.QUARANTINE);

    /** What a scan of a unit in stock does when its label carries the message (ISSUE and TRANSFUSE are always refused). */
    public enum Hold {
        /** the unit goes on as the scan says, but QUARANTINED */
        QUARANTINE,
        /** the scan is refused: the label contradicts the unit as stored */
        REFUSE
    }

    private final String code;
    private final String slug;
    private final Hold hold;

    SpecialMessage(String code, String slug, Hold hold) {
        this.code = code;
        this.slug = slug;
        this.hold = hold;
    }

    /** The two characters of structure 002 ({@code Mx}). */
    public String code() {
        return code;
    }

    /** Stable kebab-case name ({@code not-for-transfusion}), as the decoder reports it. */
    public String slug() {
        return slug;
    }

    public Hold hold() {
        return hold;
    }

    /** The message for a structure-002 code ({@code Mx}) or its kebab-case name ({@code not-for-transfusion}). */
    public static Optional<SpecialMessage> parse(String codeOrSlug) {
        if (codeOrSlug == null) {
            return Optional.empty();
        }
        for (SpecialMessage m : values()) {
            if (m.code.equals(codeOrSlug) || m.slug.equals(codeOrSlug)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
