package org.hemowatch.ingest.mqtt;

import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.TestCertificates;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded endpoint's TLS listener ({@code mqtt.tlsPort} 0 = a free port, PEM certificate and key
 * made by openssl at test time) with mosquitto_pub as the client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsEndpointIT {

    static final String READING = "firmware-protocols/mqtt/examples/reading.json";

    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(new TestClock(Instant.parse("2026-11-23T10:00:00Z")))
            .env(Map.of("HEMOWATCH_UNKNOWN_DEVICES", "register")).extension().startedByTest();
    private ServiceProbe probe;
    private TestCertificates certs;
    private String deviceKey;
    private int tlsPort;

    @BeforeAll
    void start() throws Exception {
        certs = TestCertificates.create(service.dir().resolve("certs"));
        service.start(b -> b.config("mqtt:\n  tlsPort: 0\n  certPath: " + certs.serverCert().toAbsolutePath()
                + "\n  keyPath: " + certs.serverKey().toAbsolutePath() + "\n"));
        probe = new ServiceProbe(service.running());
        deviceKey = probe.key("device", "main", "tls-fridges");
        tlsPort = service.service().mqtt().tlsPort();
    }

    private Mosquitto.Run publish(String device, String... tlsArgs) throws Exception {
        String[] args = new String[tlsArgs.length + 6];
        System.arraycopy(tlsArgs, 0, args, 0, tlsArgs.length);
        System.arraycopy(new String[]{"-q", "1", "-t", "hemowatch/v1/main/devices/" + device + "/readings", "-f", READING}, 0,
                args, tlsArgs.length, 6);
        return Mosquitto.pub(tlsPort, device, deviceKey, null, args);
    }

    @Test
    void bindsTheTlsListenerOnAFreePortBesideThePlainOne() {
        assertThat(tlsPort).isPositive().isNotEqualTo(service.service().mqtt().port());
    }

    @Test
    void storesAReadingPublishedOverTlsByAClientThatTrustsTheCa() throws Exception {
        Mosquitto.Run r = publish("fridge-tls", "--cafile", certs.caCert().toString());

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(probe.stored("fridge-tls")).extracting(TemperatureReading::seq).containsExactly(42L);
    }

    @Test
    void refusesAPlainTextClientOnTheTlsPort() throws Exception {
        Mosquitto.Run r = publish("fridge-plain");

        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(probe.stored("fridge-plain")).isEmpty();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateDoesNotConnect() throws Exception {
        Path otherCa = TestCertificates.create(service.dir().resolve("other")).caCert();

        Mosquitto.Run r = publish("fridge-untrusting", "--cafile", otherCa.toString());

        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(probe.stored("fridge-untrusting")).isEmpty();
    }
}
