package org.hemowatch.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import org.hemowatch.testing.ServiceBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fixture for every whole-service test (issue 14): tests get their Hemowatch, in this JVM or as child processes, from
 * {@code HemowatchExtension}; only the testing package itself and the benchmarks (bench/, which time the start-up) call
 * {@link ServiceBuilder}'s starts directly.
 */
class WholeServiceFixtureTest {

    private static JavaClasses tests;

    @BeforeAll
    static void importTestClasses() {
        tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("org.hemowatch");
    }

    private static ArchRule startsTheServiceItself(GivenClassesConjunction classes) {
        return classes.should().callMethod(ServiceBuilder.class, "start")
                .orShould().callMethod(ServiceBuilder.class, "startProcess", Path.class)
                .orShould().callMethod(ServiceBuilder.class, "runUntilExit", Path.class, Duration.class, String[].class)
                .because("whole-service tests start the service through HemowatchExtension (ServiceBuilder.extension())");
    }

    @Test
    void onlyTheTestingPackageAndTheBenchmarksStartTheServiceThemselves() {
        startsTheServiceItself(noClasses().that().resideOutsideOfPackages("org.hemowatch.testing..", "org.hemowatch.bench.."))
                .allowEmptyShould(false).check(tests);
    }

    @Test
    void theRuleSeesTheCallsOfTheTestingPackage() {
        assertThat(startsTheServiceItself(noClasses().that().resideInAPackage("org.hemowatch.testing..")).evaluate(tests).hasViolation())
                .as("HemowatchExtension starts the service through ServiceBuilder: the rule must see that call")
                .isTrue();
    }
}
