package org.hemowatch.alerts;

import org.hemowatch.app.config.ConfigException;
import org.hemowatch.app.config.ConfigLoader;
import org.hemowatch.app.config.HemowatchConfig;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsConfigTest {

    @TempDir
    Path dir;

    private HemowatchConfig load(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader().load(f, Map.of());
    }

    @ParameterizedTest(name = "{1}")
    @CsvFileSource(resources = "/alerts-e2e/invalid-config.csv", delimiter = '|')
    void refusesInvalidAlertAndSupplyConfigNamingTheKey(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n"))).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void loadsTheExampleConfigWithItsSupplyAndAlertSections() {
        HemowatchConfig c = new ConfigLoader().load(Path.of("hemowatch.example.yaml"), Map.of());

        assertThat(c.supply().parLevels()).hasSize(2);
        assertThat(c.supply().pars().get(0).key().toString()).isEqualTo("main:RBC/O-");
        assertThat(c.alerts().routes()).extracting(AlertsConfig.StationRoute::station).containsExactly("blood-bank-1", "porters");
        assertThat(c.alerts().webhooks().get(0).name()).isEqualTo("on-call");
    }

    @Test
    void hasDefaultsForEveryKey() throws Exception {
        AlertsConfig a = load("site: main\n").alerts();

        assertThat(a.evaluateEverySeconds()).isEqualTo(30);
        assertThat(a.debounceMillis()).isEqualTo(200);
        assertThat(a.keepAliveSeconds()).isEqualTo(15);
        assertThat(a.retryForSeconds()).isEqualTo(600);
        assertThat(a.webhooks()).isEmpty();
    }

    @Test
    void readsWebhooksWithASecretFromTheEnvironmentAndNeverPrintsIt() throws Exception {
        AlertsConfig.WebhookConfig w = load("alerts:\n  webhooks:\n    - {url: \"https://ops.example/h\", secretEnv: OPS_HOOK_SECRET,"
                + " kinds: [shortage, excursion], minSeverity: critical}\n").alerts().webhooks().get(0);

        assertThat(w.name()).isEqualTo("webhook-ops.example");
        assertThat(w.resolveSecret(Map.of("OPS_HOOK_SECRET", "xyz")::get)).isEqualTo("xyz");
        assertThatThrownBy(() -> w.resolveSecret(k -> null)).hasMessageContaining("OPS_HOOK_SECRET");
        assertThat(w.filter().accepts(AlertKind.SHORTAGE, Severity.CRITICAL)).isTrue();
        assertThat(w.filter().accepts(AlertKind.SHORTAGE, Severity.WARNING)).isFalse();
        assertThat(w.filter().accepts(AlertKind.NEAR_EXPIRY, Severity.EMERGENCY)).isFalse();
        AlertsConfig.WebhookConfig inline = load("alerts:\n  webhooks:\n    - {url: \"https://h/x\", secret: sekret}\n").alerts().webhooks().get(0);
        assertThat(inline.toString()).doesNotContain("sekret");
    }
}
