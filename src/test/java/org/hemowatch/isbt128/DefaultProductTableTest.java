package org.hemowatch.isbt128;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.Map;
import org.hemowatch.domain.ComponentClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped default table {@code product-codes.yaml} is well formed and maps E0398 to red cells. */
class DefaultProductTableTest {

    private static Map<String, String> products;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        try (InputStream in = DefaultProductTableTest.class.getResourceAsStream("/product-codes.yaml")) {
            assertThat(in).as("product-codes.yaml on the classpath").isNotNull();
            Map<String, Object> root = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            assertThat(root).containsOnlyKeys("products");
            products = (Map<String, String>) root.get("products");
        }
    }

    @Test
    void mapsE0398ToRedCells() {
        assertThat(ComponentClass.parse(products.get("E0398"))).contains(ComponentClass.RED_CELLS);
    }

    @Test
    void usesOnlyKnownComponentClassCodes() {
        assertThat(products).isNotEmpty();
        products.forEach((code, cls) ->
                assertThat(ComponentClass.parse(cls)).as("class of %s", code).isPresent());
    }

    @Test
    void keysAreProductCodesTheDecoderAccepts() {
        products.keySet().forEach(code -> {
            DecodeResult result = Isbt128Decoder.decode("=<" + code + "V00");
            assertThat(result).as(code).isInstanceOf(DecodeResult.Decoded.class);
            ProductCode product = (ProductCode) ((DecodeResult.Decoded) result).structures().get(0);
            assertThat(product.productCode()).isEqualTo(code);
        });
    }
}
