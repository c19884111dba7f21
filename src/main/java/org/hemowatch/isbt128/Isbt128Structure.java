package org.hemowatch.isbt128;

/**
 * One decoded ISBT 128 data structure (ICCBBA ST-001), as found in a scanner read.
 */
public sealed interface Isbt128Structure permits Din, BloodGroupCode, ProductCode, DateStructure {

    String KIND_DIN = "DIN";
    String KIND_BLOOD_GROUP = "BLOOD_GROUP";
    String KIND_PRODUCT_CODE = "PRODUCT_CODE";
    String KIND_EXPIRY = "EXPIRY";
    String KIND_COLLECTION = "COLLECTION";

    /** The ISBT 128 structure number: {@code "001"} to {@code "007"}. */
    String structure();

    /** What the structure says: {@code DIN}, {@code BLOOD_GROUP}, {@code PRODUCT_CODE}, {@code EXPIRY} or {@code COLLECTION}. */
    String kind();
}
