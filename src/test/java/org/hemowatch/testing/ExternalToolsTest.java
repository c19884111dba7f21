package org.hemowatch.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalToolsTest {

    private final String before = System.getProperty("hemowatch.tools");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("hemowatch.tools");
        } else {
            System.setProperty("hemowatch.tools", before);
        }
    }

    @Test
    void aMissingToolSkipsTheTestWithWhatToInstall() {
        System.clearProperty("hemowatch.tools");
        assertThatThrownBy(() -> ExternalTools.require("no-such-tool-hemowatch", "no-such-package"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no-such-tool-hemowatch is not installed")
                .hasMessageContaining("apt-get install -y no-such-package");
    }

    @Test
    void underTheTestScriptAMissingToolFailsTheTest() {
        System.setProperty("hemowatch.tools", "required");
        assertThatThrownBy(() -> ExternalTools.require("no-such-tool-hemowatch", "no-such-package"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no-such-tool-hemowatch is not installed");
    }

    @Test
    void anOptionalToolIsReportedMissingWhenRunAloneButFailsUnderTheTestScript() {
        System.clearProperty("hemowatch.tools");
        assertThat(ExternalTools.available("no-such-tool-hemowatch", "no-such-package")).isFalse();
        assertThat(ExternalTools.available("sh", "dash")).isTrue();
        System.setProperty("hemowatch.tools", "required");
        assertThatThrownBy(() -> ExternalTools.available("no-such-tool-hemowatch", "no-such-package"))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("bash .ci/test installs it");
    }

    @Test
    void anInstalledToolPasses() {
        assertThatCode(() -> ExternalTools.require("sh", "dash")).doesNotThrowAnyException();
    }
}
