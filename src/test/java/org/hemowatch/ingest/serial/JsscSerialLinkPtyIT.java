package org.hemowatch.ingest.serial;

import org.hemowatch.testing.SocatPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** JsscSerialLink over real socat pseudo-terminals. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsscSerialLinkPtyIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void socatIsInstalled() {
        SocatPair.requireSocat();
    }

    @Test
    void readsBytesWrittenAtTheOtherEndThroughTheSymlink() throws Exception {
        try (SocatPair pair = SocatPair.start(dir.resolve("a"), dir.resolve("b"));
             JsscSerialLink link = new JsscSerialLink(pair.b().toString(), 9600)) {
            link.open();
            pair.writeToA("$HWS,1,3,PWR_FAIL*6A\r\n");

            assertThat(readUntil(link, "\r\n")).isEqualTo("$HWS,1,3,PWR_FAIL*6A\r\n");
        }
    }

    @Test
    void opensTheResolvedPtsPathAndReportsRefusedModemSettingsAsWarning() throws Exception {
        try (SocatPair pair = SocatPair.start(dir.resolve("a"), dir.resolve("b"))) {
            String pts = pair.b().toRealPath().toString();
            assertThat(pts).startsWith("/dev/pts/");
            try (JsscSerialLink link = new JsscSerialLink(pts, 9600)) {
                link.open();

                assertThat(link.isOpen()).isTrue();
                // a pty accepts termios but not the RTS/DTR ioctls, so jssc's setParams returns false
                assertThat(link.warnings()).singleElement().asString().contains("setParams");
                pair.writeToA("x\n");
                assertThat(readUntil(link, "\n")).isEqualTo("x\n");
            }
        }
    }

    @Test
    void readFailsWithIoReasonOnceTheOtherEndIsGone() throws Exception {
        try (SocatPair pair = SocatPair.start(dir.resolve("a"), dir.resolve("b"));
             JsscSerialLink link = new JsscSerialLink(pair.b().toString(), 9600)) {
            link.open();
            pair.kill();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThatThrownBy(link::readAvailable)
                            .isInstanceOfSatisfying(SerialLinkException.class,
                                    e -> assertThat(e.reason()).isEqualTo(SerialLinkException.Reason.IO)));
        }
    }

    @Test
    void openOfMissingPathReportsMissing() {
        JsscSerialLink link = new JsscSerialLink(dir.resolve("nothing-here").toString(), 9600);

        assertThatThrownBy(link::open)
                .isInstanceOfSatisfying(SerialLinkException.class,
                        e -> assertThat(e.reason()).isEqualTo(SerialLinkException.Reason.MISSING));
        assertThat(link.isOpen()).isFalse();
    }

    @Test
    void listerShowsPseudoTerminals() throws Exception {
        try (SocatPair pair = SocatPair.start(dir.resolve("a"), dir.resolve("b"))) {
            String pts = pair.b().toRealPath().toString();

            assertThat(new SerialPortLister().list())
                    .contains(new SerialPortLister.PortInfo(pts, SerialPortLister.Source.PTY, null));
        }
    }

    private static String readUntil(SerialLink link, String end) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
            got.write(link.readAvailable());
            return got.toString(StandardCharsets.US_ASCII).endsWith(end);
        });
        return got.toString(StandardCharsets.US_ASCII);
    }
}
