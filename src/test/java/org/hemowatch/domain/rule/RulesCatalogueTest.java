package org.hemowatch.domain.rule;

import com.fasterxml.jackson.databind.JsonNode;
import org.hemowatch.ingest.mqtt.ConnectRefusal;
import org.hemowatch.json.JsonMappers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule catalogue lists every rule the code raises, with the status it is raised with, and docs/rules.md is it. */
class RulesCatalogueTest {

    private static final Path MAIN = Path.of("src/main/java");

    /** Kebab-case literals of main that are not rule names, and what they are instead. */
    private static final Map<String, String> NOT_RULES = Map.ofEntries(
            Map.entry("agitator-stopped", "alert kind"), Map.entry("delivery-failure", "alert kind"),
            Map.entry("device-status", "alert kind"), Map.entry("door-open", "alert kind"),
            Map.entry("expired-in-stock", "alert kind"), Map.entry("near-expiry", "alert kind"),
            Map.entry("sensor-offline", "alert kind"), Map.entry("out-of-storage", "alert kind"),
            Map.entry("no-cache", "HTTP header value"), Map.entry("no-referrer", "HTTP header value"),
            Map.entry("no-store", "HTTP header value"),
            Map.entry("device-monitor", "document collection"), Map.entry("par-levels", "document collection"),
            Map.entry("webhook-outbox", "document collection"),
            Map.entry("biological-source-event", "FHIR code"), Map.entry("product-category", "FHIR code"),
            Map.entry("product-status", "FHIR code"),
            Map.entry("fractionation-only", "special message code"), Map.entry("no-information", "special message code"),
            Map.entry("research-only", "special message code"),
            Map.entry("not-supported", "FHIR issue code"),
            Map.entry("fridge-1", "example id"), Map.entry("serial-ports", "CLI command"));

    private static final Pattern KEBAB = Pattern.compile("\"([a-z][a-zA-Z0-9]*(?:-[a-zA-Z0-9]+)+)\"");

    /** Where a rule is raised, and the HTTP status it is raised with there (0: not on HTTP, or not fixed here). */
    private static final Map<Pattern, Integer> RAISED = Map.ofEntries(
            Map.entry(Pattern.compile("ApiProblem\\.badRequest\\(\\s*\"([^\"]+)\""), 400),
            Map.entry(Pattern.compile("ApiProblem\\.notFound\\(\\s*\"([^\"]+)\""), 404),
            Map.entry(Pattern.compile("ApiProblem\\.forbidden\\(\\s*\"([^\"]+)\""), 403),
            Map.entry(Pattern.compile("ApiProblem\\.conflict\\(\\s*\"([^\"]+)\""), 409),
            Map.entry(Pattern.compile("new ApiProblem\\((\\d{3}),\\s*\"([^\"]+)\""), -1),
            Map.entry(Pattern.compile("Rejection\\.invalid\\(\\s*\"([^\"]+)\""), 400),
            Map.entry(Pattern.compile("Rejection\\.unknown\\(\\s*\"([^\"]+)\""), 404),
            Map.entry(Pattern.compile("Rejection\\.conflict\\(\\s*\"([^\"]+)\""), 409),
            Map.entry(Pattern.compile("Rejection\\.forbidden\\(\\s*\"([^\"]+)\""), 403),
            Map.entry(Pattern.compile("Rejection\\.unavailable\\(\\s*\"([^\"]+)\""), 503),
            Map.entry(Pattern.compile("RejectedException\\.invalid\\(\\s*\"([^\"]+)\""), 400),
            Map.entry(Pattern.compile("Decision\\.conflict\\(\\s*\"([^\"]+)\""), 409),
            Map.entry(Pattern.compile("Decision\\.invalid\\(\\s*\"([^\"]+)\""), 400),
            Map.entry(Pattern.compile("refuse\\(CONFLICT,\\s*\"([^\"]+)\""), 409),
            Map.entry(Pattern.compile("refuse\\(INVALID,\\s*\"([^\"]+)\""), 400),
            Map.entry(Pattern.compile("refuse\\(UNKNOWN,\\s*\"([^\"]+)\""), 404),
            Map.entry(Pattern.compile("RejectedMessage\\.invalid\\(\\s*\"([^\"]+)\""), 0),
            Map.entry(Pattern.compile("Decoded\\.rejected\\(\\s*\"([^\"]+)\""), 0));

    @Test
    void everyKebabCaseLiteralOfMainIsACataloguedRuleOrNamedHereAsSomethingElse() {
        Set<String> unknown = new TreeSet<>();
        for (Path f : mainSources()) {
            Matcher m = KEBAB.matcher(read(f));
            while (m.find()) {
                boolean internalName = m.group(1).startsWith("hemowatch-"); // threads, pipeline handlers
                if (!Rules.all().containsKey(m.group(1)) && !NOT_RULES.containsKey(m.group(1)) && !internalName) {
                    unknown.add(m.group(1) + " (" + MAIN.relativize(f) + ")");
                }
            }
        }
        assertThat(unknown).as("literals that are neither in domain/rule/Rules nor named in NOT_RULES").isEmpty();
        assertThat(NOT_RULES.keySet()).as("names that are rules after all").doesNotContainAnyElementsOf(Rules.all().keySet());
    }

    @Test
    void everyRuleRaisedInMainIsCataloguedWithTheStatusItIsRaisedWith() {
        List<String> wrong = new ArrayList<>();
        int raised = 0;
        for (Path f : mainSources()) {
            String text = read(f);
            boolean wireOnly = MAIN.relativize(f).toString().contains("ingest/mqtt") || MAIN.relativize(f).toString().contains("ingest/serial");
            for (Map.Entry<Pattern, Integer> p : RAISED.entrySet()) {
                Matcher m = Pattern.compile(p.getKey().pattern() + "(?!\\s*\\+)").matcher(text); // not "bad-" + field
                while (m.find()) {
                    raised++;
                    String rule = m.group(m.groupCount());
                    int status = p.getValue() == -1 ? Integer.parseInt(m.group(1)) : p.getValue();
                    Rules.Rule r = Rules.all().get(rule);
                    if (r == null) {
                        wrong.add(rule + " is not catalogued (" + MAIN.relativize(f) + ")");
                    } else if (!wireOnly && status != 0 && !r.httpStatuses().contains(status)) {
                        wrong.add(rule + " is raised with " + status + " but catalogued with " + r.httpStatuses() + " (" + MAIN.relativize(f) + ")");
                    } else if (!wireOnly && status != 0 && !r.wires().contains(Rules.Wire.H)) {
                        wrong.add(rule + " reaches HTTP but its wires are " + r.wires() + " (" + MAIN.relativize(f) + ")");
                    }
                }
            }
        }
        assertThat(raised).as("rule positions found (the patterns still match the code)").isGreaterThan(150);
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyRuleConstantAndEveryConnectRefusalIsCatalogued() throws IllegalAccessException {
        for (Field field : Rules.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                assertThat(Rules.all()).as(field.getName()).containsKey((String) field.get(null));
            }
        }
        for (ConnectRefusal r : ConnectRefusal.values()) {
            assertThat(Rules.find(r.reason())).as(r.reason()).hasValueSatisfying(rule -> assertThat(rule.wires()).contains(Rules.Wire.C));
        }
    }

    @Test
    void everyRuleTheTableDrivenCasesExpectIsCatalogued() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (JsonNode c : JsonMappers.WIRE.readTree(Files.readString(Path.of("src/test/resources/mqtt/decoder-cases.json")))) {
            if (c.has("rule")) {
                expected.add(c.get("rule").asText());
            }
        }
        for (String line : Files.readAllLines(Path.of("src/test/resources/isbt128/invalid-reads.csv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)[2].strip()); // mode,input,rule,fragment
            }
        }
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(Rules.all().keySet()).containsAll(expected);
    }

    @Test
    void ruleNamesAreStableKebabCaseAndEveryRuleSaysWhatItMeans() {
        Rules.all().values().forEach(r -> {
            assertThat(r.name()).matches("[a-z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*");
            assertThat(r.meaning()).as(r.name()).endsWith(".").hasSizeGreaterThan(10);
            assertThat(r.wires()).as(r.name()).isNotEmpty();
            assertThat(r.wires().contains(Rules.Wire.H)).as(r.name() + ": on HTTP exactly when it has a status").isEqualTo(!r.httpStatuses().isEmpty());
        });
    }

    /** {@code docs/rules.md} is the catalogue; {@code -Drules.write=true} rewrites it. */
    @Test
    void theRulesDocumentIsTheCatalogue() throws IOException {
        Path doc = Path.of("docs/rules.md");
        if (Boolean.getBoolean("rules.write")) {
            Files.writeString(doc, Rules.markdown());
        }
        assertThat(doc).as("docs/rules.md is out of date: run this test with -Drules.write=true").hasContent(Rules.markdown());
    }

    private static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> !f.endsWith(Path.of("org/hemowatch/domain/rule/Rules.java"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
