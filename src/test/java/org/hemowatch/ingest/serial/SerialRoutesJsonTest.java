package org.hemowatch.ingest.serial;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.json.JsonMappers.writeWireText;

/** The serial ports body ({@code GET /api/v1/serial}): member names and order as they always were. */
class SerialRoutesJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aPortIsWrittenWithTheMembersInTheOrderTheyAlwaysHad() {
        PortStatus failing = new PortStatus("/dev/ttyUSB0", SerialPortConfig.Kind.FRIDGE, PortState.BUSY, T0,
                "port busy", 3, 2, 1024, T0.minusSeconds(30), T0.plusSeconds(8), List.of("no data for 30 s"));
        PortStatus unknown = new PortStatus("/dev/ttyS1", null, PortState.STARTING, T0, null, 0, 0, 0, null, null, null);
        assertThat(writeWireText(SerialRoutes.body(List.of(unknown, failing)))).isEqualTo("{\"ports\":["
                + "{\"path\":\"/dev/ttyS1\",\"kind\":null,\"state\":\"STARTING\",\"since\":\"2026-11-23T10:00:00Z\",\"lastError\":null,"
                + "\"opens\":0,\"failures\":0,\"bytesRead\":0,\"lastDataAt\":null,\"nextAttemptAt\":null,\"warnings\":[]},"
                + "{\"path\":\"/dev/ttyUSB0\",\"kind\":\"fridge\",\"state\":\"BUSY\",\"since\":\"2026-11-23T10:00:00Z\","
                + "\"lastError\":\"port busy\",\"opens\":3,\"failures\":2,\"bytesRead\":1024,\"lastDataAt\":\"2026-11-23T09:59:30Z\","
                + "\"nextAttemptAt\":\"2026-11-23T10:00:08Z\",\"warnings\":[\"no data for 30 s\"]}]}");
    }
}
