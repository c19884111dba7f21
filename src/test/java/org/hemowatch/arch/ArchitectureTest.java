package org.hemowatch.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

    @Test
    void domainUsesNeitherVertxNorJdbcNorAdapters() {
        noClasses().that().resideInAPackage("org.hemowatch.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "io.micrometer..",
                        "org.hemowatch.store..", "org.hemowatch.api..", "org.hemowatch.ingest..", "org.hemowatch.app..",
                        "org.hemowatch.alerts..", "org.hemowatch.isbt128..")
                .check(classes);
    }

    @Test
    void labelDecodingIsPure() {
        noClasses().that().resideInAPackage("org.hemowatch.isbt128..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "java.net..", "org.hemowatch.store..",
                        "org.hemowatch.api..", "org.hemowatch.ingest..", "org.hemowatch.app..")
                .check(classes);
    }

    @Test
    void storeKnowsNothingOfTheEdges() {
        noClasses().that().resideInAPackage("org.hemowatch.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.hemowatch.api..", "org.hemowatch.ingest..", "org.hemowatch.app..")
                .check(classes);
    }

    @Test
    void onlyTheAppPackageWiresComponents() {
        noClasses().that().resideOutsideOfPackage("org.hemowatch.app..")
                .should().dependOnClassesThat().resideInAPackage("org.hemowatch.app..")
                .check(classes);
    }
}
