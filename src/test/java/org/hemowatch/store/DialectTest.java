package org.hemowatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class DialectTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvFileSource(resources = "/store/dialect-urls.csv")
    void dialectFollowsTheJdbcUrl(String url, String expected) {
        if (expected.equals("ERROR")) {
            assertThatThrownBy(() -> Dialect.fromUrl(url)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("unsupported database URL");
        } else {
            assertThat(Dialect.fromUrl(url)).isEqualTo(Dialect.valueOf(expected));
        }
    }

    @Test
    void passwordsInUrlsAreMasked() {
        DatabaseConfig cfg = new DatabaseConfig("jdbc:postgresql://db/h?user=hw&password=secret&ssl=true", "hw", "pw", 2);

        assertThat(cfg.safeUrl()).isEqualTo("jdbc:postgresql://db/h?user=hw&password=***&ssl=true");
        assertThat(cfg.toString()).doesNotContain("secret").doesNotContain("pw,");
        assertThatThrownBy(() -> Dialect.fromUrl("jdbc:mysql://db/h?password=secret")).hasMessageNotContaining("secret");
    }

    @Test
    void configRejectsAnEmptyPool() {
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:sqlite:/tmp/x.db", null, null, 0))
                .isInstanceOf(StoreException.class).hasMessageContaining("readPoolSize");
    }
}
