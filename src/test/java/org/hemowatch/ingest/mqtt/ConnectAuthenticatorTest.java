package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import org.hemowatch.auth.KeyPrincipal;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** CONNECT → principal or refusal, and the refusal → CONNACK code tables of both protocol versions; no broker. */
class ConnectAuthenticatorTest {

    private static Optional<Principal> key(String secret, String role, String devices) {
        if (role.equals("-")) {
            return Optional.empty();
        }
        return Optional.of(new KeyPrincipal("id-" + secret, "name-" + secret, Role.parse(role).orElseThrow(), "main", MqttDecodersTest.scope(devices)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/mqtt/connect-cases.csv", delimiter = '|', numLinesToSkip = 1)
    void decidesEachConnect(String name, String password, String role, String devices, boolean anonymousAllowed, String clientId,
                            String username, String expected) {
        ConnectAuthenticator a = new ConnectAuthenticator(s -> key(s, role, devices), anonymousAllowed);

        ConnectAuthenticator.Decision d = a.decide(new ConnectAuthenticator.ConnectRequest(4, clientId, username.equals("-") ? null : username,
                password.equals("-") ? null : password, true));

        if (expected.equals("admitted")) {
            assertThat(d.admitted()).as(String.valueOf(d.refusal())).isTrue();
            assertThat(d.clientId()).isEqualTo(clientId);
            assertThat(d.principal()).isNotNull();
        } else {
            assertThat(d.admitted()).isFalse();
            assertThat(d.refusal().reason()).isEqualTo(expected);
            assertThat(d.principal() != null).as("a recognised key is named, to throttle by its id")
                    .isEqualTo(!role.equals("-") && !expected.equals("anonymous"));
        }
    }

    @Test
    void assignsAClientIdWhenNoneWasSentAndUsesItAsUserNameWhenThereIsNone() {
        ConnectAuthenticator a = new ConnectAuthenticator(s -> key(s, "device", "*"), false);

        ConnectAuthenticator.Decision d = a.decide(new ConnectAuthenticator.ConnectRequest(4, "", null, "hw_dev", true));

        assertThat(d.clientId()).startsWith("auto-");
        assertThat(d.username()).isEqualTo(d.clientId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/mqtt/connect-refusals.csv", delimiter = '|', numLinesToSkip = 1)
    void answersEachRefusalWithTheCodeOfTheClientsProtocolVersion(String reason, int v3, String v5, boolean failedAuth) {
        ConnectRefusal r = Arrays.stream(ConnectRefusal.values()).filter(x -> x.reason().equals(reason)).findFirst().orElseThrow();

        assertThat(r.code(4).byteValue()).isEqualTo((byte) v3);
        assertThat(r.code(3).byteValue()).as("MQTT 3.1 as 3.1.1").isEqualTo((byte) v3);
        assertThat(r.code(5).byteValue()).isEqualTo((byte) Integer.parseInt(v5, 16));
        assertThat(r.code(5)).isNotEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(r.failedAuthentication()).isEqualTo(failedAuth);
    }

    @Test
    void everyRefusalIsInTheTable() throws Exception {
        String table = new String(getClass().getResourceAsStream("/mqtt/connect-refusals.csv").readAllBytes());
        for (ConnectRefusal r : ConnectRefusal.values()) {
            assertThat(table).contains("\n" + r.reason() + "|");
        }
    }
}
