package org.hemowatch.api.fhir;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.RhD;

/**
 * Code systems and the value mappings of the FHIR R5 view. Where the published R5 specification
 * gives a system it is used; see the README ("FHIR view") for what could not be confirmed.
 */
public final class FhirCodes {

    /** ICCBBA URI of the Donation Identification Number (R5 BiologicallyDerivedProduct example). */
    public static final String DIN_SYSTEM = "https://www.isbt128.org/uri/DonationIdentificationNumber";
    /** ICCBBA URI of ABO/RhD codes (R5 example, property valueCodeableConcept). */
    public static final String ABO_RHD_SYSTEM = "https://www.isbt128.org/uri/ABORhD";
    /**
     * ICCBBA URI of ISBT 128 Product Description Codes, as used by HL7's MPHO examples; the R5
     * example itself gives the code without a system.
     */
    public static final String PRODUCT_CODE_SYSTEM = "https://www.isbt128.org/uri/ProductDescriptionCode";
    /** R5 code system of productStatus (available | unavailable). */
    public static final String STATUS_SYSTEM = "http://hl7.org/fhir/biologicallyderived-product-status";
    /** R5 code system of productCategory (organ | tissue | fluid | cells | biologicalAgent). */
    public static final String CATEGORY_SYSTEM = "http://hl7.org/fhir/product-category";
    /** Hemowatch's own identifier of a unit: {@code DIN-productCode-division}, the resource id. */
    public static final String UNIT_ID_SYSTEM = "urn:hemowatch:blood-unit";
    public static final String UCUM = "http://unitsofmeasure.org";
    /** R5 code system of BiologicallyDerivedProduct.property.type (biologicallyderived-product-property-type-codes). */
    public static final String PROPERTY_TYPE_SYSTEM = "http://hl7.org/fhir/biologicallyderived-product-property-type-codes";
    /** Property type code of the ABO/RhD property in {@link #PROPERTY_TYPE_SYSTEM}. */
    public static final String ABO_RHD_PROPERTY = "aborhd";
    /**
     * Hemowatch's code system of the property types the R5 example code system has no code for (it holds
     * {@code collectiontype}, {@code aborhd}, {@code singleeuropeancode}, {@code redcellantigen}); its codes are
     * listed in {@code docs/fhir.md}. The R5 binding of {@code property.type} is an example binding, so any code
     * system may be used.
     */
    public static final String PROPERTY_SYSTEM = "https://hemowatch.invalid/fhir/CodeSystem/unit-property";
    /** Property: the unit is biohazardous (valueBoolean), from the label's intended use (ISBT 128 Table 4/7). */
    public static final String BIOHAZARDOUS_PROPERTY = "biohazardous";
    /** Property: the label's intended use (valueCodeableConcept in {@link #INTENDED_USE_SYSTEM}). */
    public static final String INTENDED_USE_PROPERTY = "intendedUse";
    /**
     * Hemowatch's intended-use codes: the names of {@code IntendedUse} (UNSPECIFIED, AUTOLOGOUS, ...), which follow
     * the columns of ISBT 128 Table 4 and the types of collection of Table 7; listed in {@code docs/fhir.md}.
     * ICCBBA publishes no code system URI for the Table 4 columns, so none is claimed.
     */
    public static final String INTENDED_USE_SYSTEM = "https://hemowatch.invalid/fhir/CodeSystem/intended-use";

    /** The display of an intended-use code, in the words of ST-001 Tables 4 and 7. */
    public static String intendedUseDisplay(IntendedUse use) {
        return switch (use) {
            case UNSPECIFIED -> "Intended use not specified";
            case DIRECTED -> "Directed (dedicated/designated) collection use only";
            case EMERGENCY_ONLY -> "For emergency use only";
            case DIRECTED_BIOHAZARDOUS -> "Directed (dedicated/designated) collection, biohazardous";
            case DIRECTED_CROSSOVER -> "Directed (dedicated/designated) collection, eligible for crossover";
            case AUTOLOGOUS_CROSSOVER -> "Autologous collection, eligible for crossover";
            case AUTOLOGOUS -> "For autologous use only";
            case AUTOLOGOUS_BIOHAZARDOUS -> "For autologous use only, biohazardous";
            case RESEARCH -> "Research collection, not for transfusion";
            case SOURCE_PLASMA -> "Source collection, not for transfusion";
            case THERAPEUTIC -> "Therapeutic collection";
            case SEE_SPECIAL_TESTING -> "See the special testing bar code";
        };
    }

    private FhirCodes() {
    }

    /**
     * R5 productCategory of a component: cellular components are {@code cells}, plasma,
     * cryoprecipitate and whole blood are {@code fluid} (a body fluid).
     */
    public static String category(ComponentClass component) {
        return switch (component) {
            case RED_CELLS, PLATELETS, GRANULOCYTES -> "cells";
            case PLASMA, CRYO, WHOLE_BLOOD -> "fluid";
        };
    }

    /**
     * The ISBT 128 default ABO/RhD code of a group (structure 002, collection type "default").
     * Hemowatch keeps the group, not the label's code, so a directed or autologous donation's
     * code is given as the default code of its group.
     */
    public static String aboRhDCode(BloodGroup g) {
        boolean pos = g.rhd() == RhD.POS;
        return switch (g.abo()) {
            case O -> pos ? "51" : "95";
            case A -> pos ? "62" : "06";
            case B -> pos ? "73" : "17";
            case AB -> pos ? "84" : "28";
        };
    }

    /** Display text in the style of the R5 example ("A RhD Positive"). */
    public static String aboRhDDisplay(BloodGroup g) {
        return g.abo().name() + " RhD " + (g.rhd() == RhD.POS ? "Positive" : "Negative");
    }
}
