package org.hemowatch.alerts;

import org.hemowatch.app.config.ConfigException;
import org.hemowatch.app.config.ConfigLoader;
import org.hemowatch.app.config.HemowatchConfig;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertPolicy;
import org.hemowatch.domain.alert.Severity;
import org.hemowatch.domain.supply.PhaseThresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    void readsPhaseLimitsNearExpiryWindowsAndPoliciesOverTheDefaults() throws Exception {
        HemowatchConfig c = load(String.join("\n",
                "supply:",
                "  phases:",
                "    RBC: {red: 3, amber: 5, preAmber: 7}",
                "    PLT: {amber: 1.5}",
                "alerts:",
                "  nearExpiry: {PLT: PT12H, FFP: P3D}",
                "  policies:",
                "    shortage: {reminderInterval: PT30M, escalateAfter: PT2H, ceiling: CRITICAL}",
                "    near-expiry: {reminderInterval: \"off\"}",
                "    DOOR_OPEN: {escalateAfter: PT10M}", ""));

        Map<ComponentClass, PhaseThresholds> t = c.supply().thresholds();
        assertThat(t.get(ComponentClass.RED_CELLS)).isEqualTo(new PhaseThresholds(3, 5, 7, false));
        assertThat(t.get(ComponentClass.PLATELETS)).isEqualTo(new PhaseThresholds(0.25, 1.5, 1.5, true));
        assertThat(t.get(ComponentClass.PLASMA)).isEqualTo(PhaseThresholds.defaults(ComponentClass.PLASMA));
        assertThat(c.alerts().nearExpiryWindows()).containsOnly(
                Map.entry(ComponentClass.PLATELETS, Duration.ofHours(12)), Map.entry(ComponentClass.PLASMA, Duration.ofDays(3)));
        Map<AlertKind, AlertPolicy> p = c.alerts().policyOverrides();
        assertThat(p.get(AlertKind.SHORTAGE)).isEqualTo(new AlertPolicy(Duration.ofMinutes(30), Duration.ofHours(2), Severity.CRITICAL));
        assertThat(p.get(AlertKind.NEAR_EXPIRY)).isEqualTo(new AlertPolicy(null, null, Severity.WARNING));
        assertThat(p.get(AlertKind.DOOR_OPEN)).isEqualTo(new AlertPolicy(Duration.ofMinutes(5), Duration.ofMinutes(10), Severity.CRITICAL));
        assertThat(p).doesNotContainKey(AlertKind.EXCURSION);
    }

    @Test
    void withoutPhasesWindowsOrPoliciesEverythingKeepsItsDefault() throws Exception {
        HemowatchConfig c = load("site: main\n");

        assertThat(c.supply().thresholds()).isEqualTo(PhaseThresholds.defaults());
        assertThat(c.alerts().nearExpiryWindows()).isEmpty();
        assertThat(c.alerts().policyOverrides()).isEmpty();
        assertThat(c.alerts().retentionDays()).isEqualTo(7);
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
