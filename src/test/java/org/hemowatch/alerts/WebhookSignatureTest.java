package org.hemowatch.alerts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvFileSource(resources = "/alerts-e2e/hmac-vectors.csv", delimiter = '|')
    void signsTheRawBodyWithHmacSha256AsComputedByOpenssl(String secret, String body, String expected) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.sign(secret, bytes)).isEqualTo(expected);
        assertThat(WebhookSignature.verify(secret, bytes, expected)).isTrue();
        assertThat(WebhookSignature.verify(secret + "x", bytes, expected)).isFalse();
        assertThat(WebhookSignature.verify(secret, (body + " ").getBytes(StandardCharsets.UTF_8), expected)).isFalse();
    }
}
