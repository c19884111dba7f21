package org.hemowatch.observability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of the deployment files: Grafana dashboards and provisioning, Prometheus config and
 * rules (promtool), docker-compose.yml, .env.example, the Dockerfile and the systemd unit.
 */
@Timeout(180)
class DeploymentFilesIT {

    static List<Path> dashboards() {
        return Repo.dashboardFiles();
    }

    @Test
    void providesTheFourDashboardsWithDistinctUids() {
        List<String> uids = dashboards().stream().map(f -> Repo.json(f).path("uid").asText()).toList();
        assertThat(uids).containsExactlyInAnyOrder("hemowatch-blood-stock", "hemowatch-cold-chain", "hemowatch-alerts", "hemowatch-service");
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void panelIdsAreUniqueWithinADashboard(Path file) {
        Dashboard d = Dashboard.load(file);
        List<Integer> ids = d.panels().stream().map(p -> p.path("id").asInt(-1)).toList();
        assertThat(ids).as("panel ids of %s", d.file()).doesNotContain(-1).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyDatasourceReferenceIsTheProvisionedPrometheus(Path file) {
        String uid = Repo.datasourceUid();
        assertThat(uid).isNotBlank();
        List<String> bad = new ArrayList<>();
        collectDatasourceRefs(Repo.json(file), "$", uid, bad);
        assertThat(bad).as("datasource references in %s that are not {uid: %s}", file.getFileName(), uid).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyPanelExceptRowsHasQueriesAndEveryQueryAnExpression(Path file) {
        Dashboard d = Dashboard.load(file);
        for (JsonNode p : d.panels()) {
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(p.path("targets").size()).as("queries of panel %s in %s", p.path("title").asText(), d.file()).isPositive();
        }
        assertThat(d.queries()).allSatisfy(q -> assertThat(q.expr()).as(q.toString()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyVariableUsedIsDefinedAsALabelValuesQuery(Path file) {
        Dashboard d = Dashboard.load(file);
        Set<String> used = new HashSet<>();
        for (JsonNode p : d.panels()) {
            used.addAll(Dashboard.variablesIn(p.path("title").asText()));
            if (p.has("repeat")) {
                used.add(p.path("repeat").asText());
            }
            p.path("targets").forEach(t -> used.addAll(Dashboard.variablesIn(t.path("expr").asText())));
        }
        d.variables().values().forEach(v -> used.addAll(Dashboard.variablesIn(Dashboard.labelValues(v)[0])));
        used.removeAll(Dashboard.BUILT_INS.keySet());

        assertThat(d.variables().keySet()).as("variables defined in %s", d.file()).containsAll(used);
        assertThat(used).as("%s filters by site", d.file()).contains("site");
        for (JsonNode v : d.variables().values()) {
            assertThat(v.path("type").asText()).isEqualTo("query");
            assertThat(Dashboard.labelValues(v)[1]).isEqualTo(v.path("name").asText());
        }
    }

    @Test
    void coldChainDashboardHasADeviceVariableFilteredBySite() {
        Dashboard d = Dashboard.load(Repo.DASHBOARDS.resolve("cold-chain.json"));
        assertThat(d.variables()).containsKeys("site", "device");
        assertThat(Dashboard.labelValues(d.variables().get("device"))[0]).contains("$site");
    }

    @Test
    void grafanaLoadsTheDashboardsFromWhereComposeMountsThem() {
        JsonNode provider = Repo.yaml(Repo.DASHBOARD_PROVIDER).path("providers").path(0);
        String path = provider.path("options").path("path").asText();
        List<String> mounts = new ArrayList<>();
        Repo.yaml(Repo.COMPOSE).path("services").path("grafana").path("volumes").forEach(v -> mounts.add(v.asText()));

        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(mounts).anySatisfy(m -> assertThat(m).startsWith("./grafana/dashboards:" + path));
        assertThat(mounts).anySatisfy(m -> assertThat(m).startsWith("./grafana/provisioning:/etc/grafana/provisioning"));
        JsonNode ds = Repo.yaml(Repo.DATASOURCES).path("datasources").path(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
    }

    @Test
    void promtoolAcceptsTheConfigAndTheRules(@TempDir Path tmp) throws Exception {
        Tools.require("promtool", "prometheus");
        // compose mounts the rules at /etc/prometheus/rules; point the copy at the repository's folder
        String config = Repo.text(Repo.PROMETHEUS_CONFIG).replace("/etc/prometheus/rules/", Repo.RULES.getParent() + "/");
        Path copy = Files.writeString(tmp.resolve("prometheus.yml"), config);

        Tools.Result checkConfig = Tools.run(tmp, null, List.of("promtool", "check", "config", copy.toString()));
        Tools.Result checkRules = Tools.run(tmp, null, List.of("promtool", "check", "rules", Repo.RULES.toString()));

        assertThat(checkConfig.exit()).as(checkConfig.output()).isZero();
        assertThat(checkConfig.output()).contains("1 rule files found");
        assertThat(checkRules.exit()).as(checkRules.output()).isZero();
    }

    @Test
    void prometheusScrapesHemowatchByItsComposeServiceName() {
        JsonNode job = Repo.yaml(Repo.PROMETHEUS_CONFIG).path("scrape_configs").path(0);
        assertThat(job.path("job_name").asText()).isEqualTo("hemowatch");
        assertThat(job.path("static_configs").path(0).path("targets").path(0).asText()).isEqualTo("hemowatch:8080");
        assertThat(Repo.yaml(Repo.COMPOSE).path("services").has("hemowatch")).isTrue();
    }

    @Test
    void rulesCoverServiceDownMissingReadingsAndSlowCommits() {
        Map<String, String> exprs = new java.util.HashMap<>();
        Repo.yaml(Repo.RULES).path("groups").forEach(g -> g.path("rules").forEach(r -> exprs.put(r.path("alert").asText(), r.path("expr").asText())));
        assertThat(exprs.get("HemowatchDown")).contains("up").contains("== 0");
        assertThat(exprs.get("HemowatchNoReadingsFromSite")).contains("hemowatch_readings_accepted_total").contains("== 0");
        assertThat(exprs.get("HemowatchCommitLatencyHigh")).contains("histogram_quantile(0.99").contains("hemowatch_store_commit_seconds_bucket").contains("> 0.5");
    }

    @Test
    void dockerComposeConfigIsValid() throws Exception {
        if (org.hemowatch.testing.ExternalTools.available("docker-compose", "docker-compose")) {
            Tools.Result r = Tools.run(Repo.ROOT, null, List.of("docker-compose", "-f", Repo.COMPOSE.toString(),
                    "--env-file", Repo.ENV_EXAMPLE.toString(), "--profile", "postgres", "config", "-q"));
            assertThat(r.exit()).as("docker-compose config: %s", r.output()).isZero();
        }
        // without docker-compose the structure checks below are all there is
        JsonNode compose = Repo.yaml(Repo.COMPOSE);
        assertThat(compose.path("services").isObject()).isTrue();
        assertThat(compose.path("volumes").isObject()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/observability/compose-services.csv")
    void composeHasEachServiceWithItsImageAndProfile(String service, String image, String profile) {
        JsonNode s = Repo.yaml(Repo.COMPOSE).path("services").path(service);
        assertThat(s.isObject()).as("service %s", service).isTrue();
        if (image.equals("build")) {
            assertThat(s.path("build").path("dockerfile").asText()).isEqualTo("Dockerfile");
        } else {
            assertThat(s.path("image").asText()).startsWith(image + ":");
        }
        List<String> profiles = new ArrayList<>();
        s.path("profiles").forEach(p -> profiles.add(p.asText()));
        assertThat(profiles).isEqualTo(profile.equals("-") ? List.of() : List.of(profile));
    }

    @Test
    void composeVolumesAreNamedOrRepositoryPaths() {
        JsonNode compose = Repo.yaml(Repo.COMPOSE);
        Set<String> declared = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declared::add);
        for (Iterator<Map.Entry<String, JsonNode>> it = compose.path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            for (JsonNode v : s.getValue().path("volumes")) {
                String source = v.asText().split(":")[0];
                if (!source.startsWith("./")) {
                    assertThat(declared).as("named volume %s of service %s", source, s.getKey()).contains(source);
                }
            }
        }
        assertThat(declared).contains("hemowatch-data", "prometheus-data", "grafana-data", "postgres-data");
    }

    @Test
    void composePointsHemowatchAtPostgresByEnvironmentOnly() {
        JsonNode env = Repo.yaml(Repo.COMPOSE).path("services").path("hemowatch").path("environment");
        assertThat(env.path("HEMOWATCH_DB_URL").asText()).startsWith("${HEMOWATCH_DB_URL");
        assertThat(Repo.text(Repo.ENV_EXAMPLE)).contains("jdbc:postgresql://postgres:5432/hemowatch");
    }

    @Test
    void noSecretIsCommittedInComposeOrTheEnvironmentExample() {
        Pattern secretKey = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|API_KEY).*");
        for (Iterator<Map.Entry<String, JsonNode>> it = Repo.yaml(Repo.COMPOSE).path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> env = s.getValue().path("environment").fields(); env.hasNext(); ) {
                Map.Entry<String, JsonNode> e = env.next();
                if (secretKey.matcher(e.getKey()).matches()) {
                    assertThat(e.getValue().asText()).as("%s of %s must come from .env", e.getKey(), s.getKey()).matches("\\$\\{\\w+(:[-?][^}]*)?}");
                }
            }
        }
        Matcher line = Pattern.compile("(?m)^\\s*([A-Z0-9_]+)=(.*)$").matcher(Repo.text(Repo.ENV_EXAMPLE));
        int secrets = 0;
        while (line.find()) {
            if (secretKey.matcher(line.group(1)).matches()) {
                secrets++;
                assertThat(line.group(2).trim()).as(line.group(1) + " in .env.example").matches("|<[^>]+>");
            }
        }
        assertThat(secrets).as("password placeholders in .env.example").isGreaterThanOrEqualTo(2);
    }

    @Test
    void dockerfileBuildsLikeTheReadmeAndRunsAsANonRootUserWithAHealthCheck() {
        String df = Repo.text(Repo.DOCKERFILE);
        assertThat(df).containsPattern("(?m)^FROM maven:3\\.9-eclipse-temurin-17 AS build$")
                .containsPattern("(?m)^FROM eclipse-temurin:17-jre$")
                .containsPattern("(?m)^RUN mvn -B -q package -DskipTests$")
                .containsPattern("(?m)^HEALTHCHECK .*\\n?.*/health/ready")
                .containsPattern("(?m)^VOLUME ");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(df);
        assertThat(user.find()).as("USER instruction").isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(Repo.text(Repo.ROOT.resolve("README.md"))).contains("mvn -B -q package -DskipTests");
    }

    @ParameterizedTest(name = "[{0}] {1}={2}")
    @CsvFileSource(resources = "/observability/systemd-required.csv")
    void systemdUnitHasTheRequiredSetting(String section, String key, String value) {
        assertThat(SystemdUnit.parse(Repo.text(Repo.SYSTEMD_UNIT)).values(section, key)).contains(value);
    }

    @ParameterizedTest(name = "[{0}] not {1}={2}")
    @CsvFileSource(resources = "/observability/systemd-forbidden.csv")
    void systemdUnitAvoidsSettingsThatBreakTheEdgeBox(String section, String key, String value, String why) {
        assertThat(SystemdUnit.parse(Repo.text(Repo.SYSTEMD_UNIT)).values(section, key)).as(why).doesNotContain(value);
    }

    @Test
    void systemdAnalyzeFindsNothingToReportInTheUnit() throws Exception {
        SystemdUnit unit = SystemdUnit.parse(Repo.text(Repo.SYSTEMD_UNIT));
        assertThat(unit.values("Service", "ExecStart")).singleElement().asString().contains("-jar /opt/hemowatch/hemowatch.jar");
        if (!Tools.installed("systemd-analyze")) {
            return; // the structure checks above are all there is without systemd
        }
        Tools.Result r = Tools.run(Repo.ROOT, null, List.of("systemd-analyze", "verify", Repo.SYSTEMD_UNIT.toString()));
        // verify also complains about the host's own units and a missing java; only lines about this file count
        List<String> aboutUnit = r.output().lines().filter(l -> l.contains("hemowatch.service")).filter(l -> !l.contains("is not executable")).toList();
        assertThat(aboutUnit).as("systemd-analyze verify output:%n%s", r.output()).isEmpty();
    }

    private static void collectDatasourceRefs(JsonNode node, String path, String uid, List<String> bad) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("datasource")) {
                    JsonNode ds = f.getValue();
                    if (!ds.isObject() || !ds.path("uid").asText().equals(uid) || !ds.path("type").asText().equals("prometheus")) {
                        bad.add(path + ".datasource = " + ds);
                    }
                } else {
                    collectDatasourceRefs(f.getValue(), path + "." + f.getKey(), uid, bad);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDatasourceRefs(node.get(i), path + "[" + i + "]", uid, bad);
            }
        }
    }
}
