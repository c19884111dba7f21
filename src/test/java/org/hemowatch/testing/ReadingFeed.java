package org.hemowatch.testing;

import org.hemowatch.auth.SystemPrincipal;
import org.hemowatch.domain.TemperatureReading;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Temperature readings into a running service through its one ingest path (as a serial port would
 * deliver them), one a minute: the test clock is set to each reading's time first, and the next is
 * sent only once the device's monitor has seen it, so excursions open and close as in production.
 */
public final class ReadingFeed {

    private final RunningService service;
    private final TestClock clock;
    private final String site;
    private final String device;
    private long seq = 1;

    public ReadingFeed(RunningService service, TestClock clock, String site, String device) {
        this.service = service;
        this.clock = clock;
        this.site = site;
        this.device = device;
    }

    /** {@code minutes} readings of {@code tempC}, the first one minute after the clock's time. */
    public ReadingFeed minutes(int minutes, double tempC) throws Exception {
        SystemPrincipal port = SystemPrincipal.serialPort("test-feed", site);
        for (int i = 0; i < minutes; i++) {
            clock.advance(Duration.ofMinutes(1));
            java.time.Instant at = clock.instant();
            TemperatureReading r = new TemperatureReading(site, device, seq++, at, tempC, "air",
                    TemperatureReading.DoorState.CLOSED, TemperatureReading.AgitatorState.UNKNOWN, "test");
            service.service().readings().record(port, List.of(r)).get(10, TimeUnit.SECONDS);
            await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5)).until(() -> service.service().coldChain()
                    .state(site, device).map(s -> at.equals(s.lastReadingAt())).orElse(false));
        }
        return this;
    }
}
