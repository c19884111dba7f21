package org.hemowatch.isbt128;

/**
 * Fixed layouts of the structures {@link StructureReader} decodes: a name for messages and the
 * content length after the data identifier (ICCBBA ST-001 §2.4).
 */
enum Layout {
    DIN("donation number (DIN)", 15),
    BLOOD_GROUP("blood group", 4),
    PRODUCT_CODE("product code", 8),
    EXPIRY_DATE("expiry date", 6),
    EXPIRY_DATE_TIME("expiry date and time", 10),
    COLLECTION_DATE("collection date", 6),
    COLLECTION_DATE_TIME("collection date and time", 10);

    final String label;
    final int length;

    Layout(String label, int length) {
        this.label = label;
        this.length = length;
    }

    /** The name of a decoded structure in messages, e.g. {@code product code}. */
    static String nameOf(Isbt128Structure s) {
        return switch (s.structure()) {
            case "001" -> DIN.label;
            case "002" -> BLOOD_GROUP.label;
            case "003" -> PRODUCT_CODE.label;
            case "004" -> EXPIRY_DATE.label;
            case "005" -> EXPIRY_DATE_TIME.label;
            case "006" -> COLLECTION_DATE.label;
            default -> COLLECTION_DATE_TIME.label;
        };
    }

    /** The plural of a structure kind in messages, e.g. {@code product codes}. */
    static String plural(String kind) {
        return switch (kind) {
            case Isbt128Structure.KIND_DIN -> "donation numbers (DIN)";
            case Isbt128Structure.KIND_BLOOD_GROUP -> "blood groups";
            case Isbt128Structure.KIND_PRODUCT_CODE -> "product codes";
            case Isbt128Structure.KIND_EXPIRY -> "expiry dates";
            default -> "collection dates";
        };
    }
}
