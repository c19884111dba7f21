package org.hemowatch.api;

import org.hemowatch.json.JsonMappers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The problem+json body: RFC 9457 members, the rule, and extension members after them. */
class ProblemBodyTest {

    private static String body(ApiProblem p) {
        return new String(JsonMappers.writeWire(new ProblemHandler.Problem("urn:hemowatch:problem:" + p.rule(), "Forbidden", p.status(),
                p.getMessage(), p.rule(), p.extensions())), StandardCharsets.UTF_8);
    }

    @Test
    void aProblemHasItsStandardMembersAndRuleAndNothingElseWithoutExtensions() {
        assertThat(body(ApiProblem.forbidden("site-forbidden", "limited to \"north\"")))
                .isEqualTo("{\"type\":\"urn:hemowatch:problem:site-forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"limited to \\\"north\\\"\",\"rule\":\"site-forbidden\"}");
    }

    @Test
    void extensionMembersFollowTheStandardOnesAndAddingOneLeavesTheOriginalAsItWas() {
        ApiProblem plain = ApiProblem.forbidden("signature-required", "sign");
        ApiProblem withMeaning = plain.with("meaning", "release unit X");
        assertThat(body(withMeaning)).endsWith(",\"rule\":\"signature-required\",\"meaning\":\"release unit X\"}");
        assertThat(plain.extensions()).isEmpty();
        assertThat(withMeaning.with("other", 1).extensions()).containsExactly(
                java.util.Map.entry("meaning", "release unit X"), java.util.Map.entry("other", 1));
    }
}
