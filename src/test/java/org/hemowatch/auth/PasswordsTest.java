package org.hemowatch.auth;

import org.hemowatch.domain.rule.Rejection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordsTest {

    @ParameterizedTest(name = "{1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "alice, short,                 password-too-short",
            "alice, elevenchars,           password-too-short",
            "alice, PASSWORD1234,          password-common",
            "alice, hemowatch2026,         password-common",
            "alice, xx-Alice-yy-zz,        password-contains-username",
            "alice, correct horse battery, -",
            "alice, 十二个汉字的密码就够了吗是的,   -"})
    void checksLengthTheCommonListAndTheUsername(String user, String password, String rule) {
        assertThat(Passwords.check(user, password).map(Rejection::rule).orElse(null)).isEqualTo(rule);
    }

    @Test
    void hashesWithArgon2idAndASaltSoTwoHashesOfOnePasswordDiffer() {
        String a = Passwords.hash("correct horse battery");
        String b = Passwords.hash("correct horse battery");
        assertThat(a).startsWith("$argon2id$").isNotEqualTo(b).doesNotContain("correct");
        assertThat(Passwords.matches("correct horse battery", a)).isTrue();
        assertThat(Passwords.matches("correct horse batterY", a)).isFalse();
    }
}
