package org.hemowatch.isbt128;

import java.util.Objects;
import java.util.Optional;

/**
 * Structure 003, the product code (ICCBBA ST-001 §2.4.3).
 *
 * @param productCode    the five-character product description code, e.g. {@code "E0398"}
 * @param collectionType the 6th character as read, case kept, e.g. {@code 'V'} (volunteer allogeneic)
 *                       or {@code 'r'} (paid research); see {@link #typeOfCollection()}
 * @param division       the two-character division, {@code "00"} when the product is not divided
 */
public record ProductCode(String productCode, char collectionType, String division) implements Isbt128Structure {

    public ProductCode {
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(division, "division");
        if (productCode.isEmpty()) {
            throw new IllegalArgumentException("empty product description code");
        }
    }

    @Override
    public String structure() {
        return "003";
    }

    @Override
    public String kind() {
        return KIND_PRODUCT_CODE;
    }

    /**
     * The Table 7 type of collection; empty for product families whose 6th to 8th characters are a
     * three-digit division instead (first character {@code M N R T V W}, §2.4.3). The decoder only
     * accepts a product code whose 6th character is in Table 7 when Table 7 applies.
     */
    public Optional<CollectionType> typeOfCollection() {
        return hasCollectionType(productCode.charAt(0)) ? CollectionType.of(collectionType) : Optional.empty();
    }

    /** §2.4.3: for α = M, N, R, T, V or W the {@code tds} characters are a three-digit division code. */
    static boolean hasCollectionType(char alpha) {
        return "MNRTVW".indexOf(alpha) < 0;
    }
}
