package org.hemowatch.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.hemowatch.alerts.AlertsModule;
import org.hemowatch.alerts.DocumentAlertStore;
import org.hemowatch.alerts.DocumentWebhookOutbox;
import org.hemowatch.coldchain.DocumentColdChainStore;
import org.hemowatch.coldchain.ExcursionReportRoutes;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Inventory;
import org.hemowatch.store.ApiKeyRecords;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.DocumentRecords;
import org.hemowatch.store.ScanSeqRecords;
import org.hemowatch.store.SessionRecords;
import org.hemowatch.store.SiteLeaseRecords;
import org.hemowatch.store.OpenUnits;
import org.hemowatch.store.UnitQueries;
import org.hemowatch.store.UserRecords;
import org.hemowatch.store.VersionedDocuments;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.Tx;
import org.hemowatch.store.WriteTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The hexagon's walls: the core is pure Java, and data flows one way. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.hemowatch");
    }

    /** Fails with ArchUnit's report of every dependency that breaks the rule. */
    private static void assertHolds(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void domainUsesNeitherVertxNorJdbcNorAdapters() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "io.micrometer..",
                        "org.hemowatch.store..", "org.hemowatch.api..", "org.hemowatch.ingest..", "org.hemowatch.app..",
                        "org.hemowatch.alerts..", "org.hemowatch.coldchain..", "org.hemowatch.supply..", "org.hemowatch.auth..",
                        "org.hemowatch.metrics..", "org.hemowatch.isbt128..")
                .allowEmptyShould(false));
    }

    @Test
    void labelDecodingIsPure() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.isbt128..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "java.net..", "org.hemowatch.store..",
                        "org.hemowatch.api..", "org.hemowatch.ingest..", "org.hemowatch.app..")
                .allowEmptyShould(false));
    }

    @Test
    void storeKnowsNothingOfTheEdges() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.hemowatch.api..", "org.hemowatch.ingest..", "org.hemowatch.app..")
                .allowEmptyShould(false));
    }

    @Test
    void onlyTheAppPackageWiresComponents() {
        assertHolds(noClasses().that().resideOutsideOfPackage("org.hemowatch.app..")
                .should().dependOnClassesThat().resideInAPackage("org.hemowatch.app..")
                .allowEmptyShould(false));
    }

    @Test
    void featuresUseTheUnitWritePathNotTheIngestAdapters() {
        assertHolds(noClasses().that().resideInAnyPackage("org.hemowatch.alerts..", "org.hemowatch.coldchain..", "org.hemowatch.supply..")
                .should().dependOnClassesThat().resideInAPackage("org.hemowatch.ingest..")
                .allowEmptyShould(false));
    }

    @Test
    void theUnitWritePathKnowsNoWireAndNoFeature() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.units..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.hemowatch.ingest..", "org.hemowatch.api..",
                        "org.hemowatch.app..", "org.hemowatch.alerts..", "org.hemowatch.coldchain..", "org.hemowatch.supply..",
                        "org.hemowatch.publish..")
                .allowEmptyShould(false));
    }

    @Test
    void theOutboundMqttPortKnowsNoAdapter() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.publish..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hemowatch.ingest..", "org.hemowatch.api..",
                        "org.hemowatch.app..", "org.hemowatch.store..", "org.hemowatch.alerts..")
                .allowEmptyShould(false));
    }

    @Test
    void theDomainDependsOnNoOtherHemowatchPackage() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hemowatch.units..", "org.hemowatch.publish..")
                .allowEmptyShould(false));
    }

    @Test
    void featuresAreIndependentOfOneAnother() {
        for (String feature : List.of("alerts", "coldchain", "supply")) {
            List<String> others = Stream.of("alerts", "coldchain", "supply").filter(f -> !f.equals(feature))
                    .map(f -> "org.hemowatch." + f + "..").toList();
            assertHolds(noClasses().that().resideInAPackage("org.hemowatch." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .allowEmptyShould(false));
        }
    }

    /** A feature's services know nothing of HTTP: only its routes (and the module handing them out) use the api package. */
    @Test
    void onlyAFeaturesRoutesUseTheHttpAdapter() {
        assertHolds(noClasses().that().resideInAnyPackage("org.hemowatch.alerts..", "org.hemowatch.coldchain..", "org.hemowatch.supply..")
                .and().haveSimpleNameNotEndingWith("Routes").and().haveSimpleNameNotEndingWith("Module")
                .should().dependOnClassesThat().resideInAPackage("org.hemowatch.api..")
                .allowEmptyShould(false));
    }

    /** HTTP routes parse, check and answer; a service opens the transaction (e.g. a unit decision with its audit entry). */
    @Test
    void httpRoutesOpenNoWriterTransaction() {
        assertHolds(noClasses().that().haveSimpleNameEndingWith("Routes").or().resideInAPackage("org.hemowatch.api..")
                .should().dependOnClassesThat().belongToAnyOf(GroupCommitWriter.class, Tx.class, WriteTask.class)
                .allowEmptyShould(false));
    }

    /** The cold chain keeps its state through its store port: only the documents adapter touches the documents table. */
    @Test
    void theColdChainReachesItsDocumentsThroughItsStorePort() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.coldchain..")
                .and().doNotBelongToAnyOf(DocumentColdChainStore.class)
                .should().dependOnClassesThat().belongToAnyOf(DocumentRecords.class, VersionedDocuments.class, ChangeLog.class)
                .allowEmptyShould(false));
    }

    /** Supply keeps par levels and reads issues through its port {@code SupplyStore}; its adapter lives in store/. */
    @Test
    void supplyTouchesNoStoreClass() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.supply..")
                .should().dependOnClassesThat().resideInAPackage("org.hemowatch.store..")
                .allowEmptyShould(false));
    }

    /** Alerts keep their state through {@code AlertStore} and {@code WebhookOutbox}: only those adapters and the module building them touch store/. */
    @Test
    void alertsTouchTheStoreOnlyInTheirAdapters() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.alerts..")
                .and().doNotBelongToAnyOf(DocumentAlertStore.class, DocumentWebhookOutbox.class, AlertsModule.class)
                .should().dependOnClassesThat().resideInAPackage("org.hemowatch.store..")
                .allowEmptyShould(false));
    }

    /**
     * No feature builds SQL or reads rows itself: statements and row mapping stay in store/ (its package-private
     * {@code Sql}, {@code UnitRows}, {@code BatchRunner} are out of reach anyway), and the other records' tables are not theirs.
     * One known exception: {@code ExcursionReportRoutes} still reads readings, unit histories and audit entries in one
     * JDBC read itself; it is to get a report query port like the cold chain's store.
     */
    @Test
    void featuresUseNoSqlPlumbingOfTheStore() {
        assertHolds(noClasses().that().resideInAnyPackage("org.hemowatch.alerts..", "org.hemowatch.coldchain..", "org.hemowatch.supply..")
                .and().doNotBelongToAnyOf(ExcursionReportRoutes.class)
                .should().dependOnClassesThat().belongToAnyOf(UnitQueries.class, OpenUnits.class, ScanSeqRecords.class, SessionRecords.class, ApiKeyRecords.class,
                        UserRecords.class, SiteLeaseRecords.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..").allowEmptyShould(false));
    }

    /** Committed units become visible only through the unit write path; the start-up load is the composition root's. */
    @Test
    void onlyTheUnitWritePathPublishesToTheInventory() {
        assertHolds(noClasses().that().resideOutsideOfPackages("org.hemowatch.units..", "org.hemowatch.domain..")
                .should().callMethod(Inventory.class, "publish", BloodUnit.class)
                .orShould().callMethod(Inventory.class, "applyCommitted", BloodUnit.class)
                .allowEmptyShould(false));
        assertHolds(noClasses().that().resideOutsideOfPackages("org.hemowatch.app..", "org.hemowatch.domain..")
                .should().callMethod(Inventory.class, "load", BloodUnit.class)
                .orShould().callMethod(Inventory.class, "loadAll", java.util.List.class)
                .orShould().callMethod(Inventory.class, "loadedOpenUnits", java.time.Instant.class)
                .allowEmptyShould(false));
    }

    /** Each wire's adapter stands alone: MQTT and serial share the ingest paths, not each other. */
    @Test
    void theWireAdaptersDoNotDependOnEachOther() {
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.ingest.mqtt..")
                .should().dependOnClassesThat().resideInAPackage("org.hemowatch.ingest.serial..")
                .allowEmptyShould(false));
        assertHolds(noClasses().that().resideInAPackage("org.hemowatch.ingest.serial..")
                .should().dependOnClassesThat().resideInAPackage("org.hemowatch.ingest.mqtt..")
                .allowEmptyShould(false));
    }

    /** One topic catalogue: no main source but {@code publish/Topics.java} spells the protocol's topic root. */
    @Test
    void onlyTheTopicCatalogueBuildsTopicNames() throws Exception {
        assertThat(mainSourcesBut("org/hemowatch/publish/Topics.java", text -> text.contains("\"hemowatch/v1")))
                .as("files that build hemowatch/v1/ topics themselves instead of using Topics").isEmpty();
    }

    /** One JSON mapper per purpose: only {@code json/JsonMappers.java} configures an ObjectMapper. */
    @Test
    void onlyTheMapperCatalogueConfiguresJsonMappers() throws Exception {
        assertThat(mainSourcesBut("org/hemowatch/json/JsonMappers.java", text -> text.contains("new ObjectMapper(")
                || text.contains("JsonMapper.builder(") || text.contains("new YAMLMapper(")))
                .as("files that configure their own ObjectMapper instead of using JsonMappers").isEmpty();
    }

    /**
     * Wire payloads are records written by {@code JsonMappers}; Vert.x {@code JsonObject}/{@code JsonArray} remain only in
     * these files, each for the reason given. A file leaves the list when it moves to records; none may join it.
     */
    private static final java.util.Map<String, String> VERTX_JSON_ALLOWED = java.util.Map.ofEntries(
            // the Vert.x API hands these over as JsonObject
            java.util.Map.entry("org/hemowatch/api/Bodies.java", "request bodies: RoutingContext.body().asJsonObject()"),
            java.util.Map.entry("org/hemowatch/app/UndecodableMqttBytes.java", "VertxMetricsFactory.newOptions(JsonObject)"),
            java.util.Map.entry("org/hemowatch/supply/ParLevelJson.java", "reads a request body's JsonObject field by field"),
            java.util.Map.entry("org/hemowatch/supply/SupplyRoutes.java", "the par levels request body's items array"),
            java.util.Map.entry("org/hemowatch/api/KeyRoutes.java", "reads a key request body and its devices array"),
            java.util.Map.entry("org/hemowatch/api/LoginRoutes.java", "reads the login request body"),
            java.util.Map.entry("org/hemowatch/api/UserRoutes.java", "reads user and password request bodies"),
            java.util.Map.entry("org/hemowatch/api/ScanRoutes.java", "reads a scan request body and its reads array"),
            java.util.Map.entry("org/hemowatch/api/Signatures.java", "reads the signature object of a request body"),
            java.util.Map.entry("org/hemowatch/api/ProblemHandler.java", "DecodeException: how Vert.x reports a malformed JSON body"),
            // HTTP routes and their JSON not yet moved to records
            java.util.Map.entry("org/hemowatch/api/fhir/BiologicallyDerivedProducts.java", "FHIR resources: to move to records"),
            java.util.Map.entry("org/hemowatch/api/fhir/FhirIssue.java", "FHIR OperationOutcome: to move to records"),
            java.util.Map.entry("org/hemowatch/api/fhir/FhirRoutes.java", "FHIR Bundle: to move to records"),
            java.util.Map.entry("org/hemowatch/coldchain/ColdChainApiJson.java", "to move to records"),
            java.util.Map.entry("org/hemowatch/coldchain/ColdChainRoutes.java", "to move to records"),
            java.util.Map.entry("org/hemowatch/coldchain/ExcursionReportRoutes.java", "to move to records"));

    /** Vert.x JSON only where the list above says why; the domain, publish/, store/ and the alert and MQTT payloads use records. */
    @Test
    void vertxJsonOnlyWhereTheVertxApiForcesItOrNotYetMoved() throws Exception {
        Path main = Path.of("src/main/java");
        List<String> users = mainSourcesBut("-", text -> text.contains("io.vertx.core.json"));
        assertThat(users).as("files using Vert.x JsonObject/JsonArray that are not in VERTX_JSON_ALLOWED: write a record and JsonMappers")
                .isSubsetOf(VERTX_JSON_ALLOWED.keySet());
        assertThat(VERTX_JSON_ALLOWED.keySet()).as("allowed files that no longer use Vert.x JSON: take them off the list")
                .allMatch(f -> users.contains(f) || !Files.exists(main.resolve(f)));
    }

    /** No hand-written JSON text in main: payloads are records written by a mapper. */
    @Test
    void noMainSourceWritesJsonByHand() throws Exception {
        assertThat(mainSourcesBut("-", text -> text.contains("\"{\\\"")))
                .as("files that build JSON text by string concatenation").isEmpty();
    }

    /** Main sources (paths below src/main/java) whose text matches, but for {@code owner}, the one allowed to. */
    static List<String> mainSourcesBut(String owner, java.util.function.Predicate<String> matches) throws java.io.IOException {
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith(Path.of(owner)))
                    .filter(f -> matches.test(read(f)))
                    .map(main::relativize).map(Path::toString).sorted().toList();
        }
    }

    /** Small classes: no main source file over 300 lines. */
    @Test
    void noMainSourceFileIsOver300Lines() throws Exception {
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).lines().count() > 300)
                    .map(f -> main.relativize(f) + " (" + read(f).lines().count() + " lines)").sorted().toList();
            assertThat(tooLong).as("main source files over 300 lines: split them along their seams").isEmpty();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
