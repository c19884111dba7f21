package org.hemowatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.hemowatch.json.JsonMappers;
import org.hemowatch.app.config.ConfigException;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.ProductCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Builds the {@link ProductCatalog}: the shipped default table ({@code product-codes.yaml}) with the config's {@code products} on top. */
final class ProductTable {

    private ProductTable() {
    }

    static ProductCatalog load(Map<String, String> overrides) {
        Map<String, ComponentClass> table = new HashMap<>(defaults());
        overrides.forEach((code, cls) -> table.put(code, ComponentClass.parse(cls)
                .orElseThrow(() -> new ConfigException("config key 'products." + code + "': unknown component class '" + cls + "'"))));
        return new ProductCatalog(table);
    }

    static Map<String, ComponentClass> defaults() {
        try (InputStream in = ProductTable.class.getResourceAsStream("/product-codes.yaml")) {
            if (in == null) {
                throw new IllegalStateException("product-codes.yaml is missing from the jar");
            }
            JsonNode products = JsonMappers.CONFIG.readTree(in).path("products");
            Map<String, ComponentClass> table = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = products.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                table.put(e.getKey(), ComponentClass.parse(e.getValue().asText())
                        .orElseThrow(() -> new IllegalStateException("product-codes.yaml: unknown class for " + e.getKey())));
            }
            return table;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read product-codes.yaml", e);
        }
    }
}
