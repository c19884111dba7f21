package org.hemowatch.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
