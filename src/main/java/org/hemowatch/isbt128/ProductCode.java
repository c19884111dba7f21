package org.hemowatch.isbt128;

import java.util.Objects;

/**
 * Structure 003, the product code.
 *
 * @param productCode    the five-character product description code, e.g. {@code "E0398"}
 * @param collectionType the type-of-collection character, e.g. {@code 'V'} (volunteer allogeneic)
 * @param division       the two-character division, {@code "00"} when the product is not divided
 */
public record ProductCode(String productCode, char collectionType, String division) implements Isbt128Structure {

    public ProductCode {
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(division, "division");
    }

    @Override
    public String structure() {
        return "003";
    }

    @Override
    public String kind() {
        return KIND_PRODUCT_CODE;
    }
}
