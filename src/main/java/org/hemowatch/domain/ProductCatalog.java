package org.hemowatch.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps ISBT 128 product description codes (e.g. {@code E0398}) to a {@link ComponentClass}.
 * ICCBBA's product database is licensed, so a site supplies its own table; this class holds it
 * and answers "unknown" for codes that are not in it.
 */
public final class ProductCatalog {

    private final Map<String, ComponentClass> table;

    public ProductCatalog(Map<String, ComponentClass> table) {
        this.table = Map.copyOf(table);
    }

    /** The component class of a product code, if the table knows it. */
    public Optional<ComponentClass> componentOf(String productCode) {
        return Optional.ofNullable(table.get(productCode));
    }

    /** The table merged with overrides; an override replaces the default for the same code. */
    public ProductCatalog with(Map<String, ComponentClass> overrides) {
        Map<String, ComponentClass> merged = new HashMap<>(table);
        merged.putAll(overrides);
        return new ProductCatalog(merged);
    }

    public Map<String, ComponentClass> table() {
        return table;
    }
}
