package org.hemowatch.auth;

import org.hemowatch.domain.LogSafe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTest {

    @Test
    void aNewlineOrControlCharacterCannotForgeALogLine() {
        assertThat(LogSafe.escape("dev\n2026-12-01 ERROR forged")).isEqualTo("dev\\n2026-12-01 ERROR forged").doesNotContain("\n");
        assertThat(LogSafe.escape("a\rb\tc\u001b[31m\u202Ed\\")).isEqualTo("a\\rb\\tc\\u001B[31m\\u202Ed\\\\");
        assertThat(LogSafe.escape("x".repeat(300))).hasSizeLessThan(230).endsWith("...(300 chars)");
        assertThat(LogSafe.escape(null)).isEqualTo("null");
    }
}
