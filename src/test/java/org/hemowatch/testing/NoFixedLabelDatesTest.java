package org.hemowatch.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guard against time bombs: a test class that runs code against the real clock (the system clock,
 * {@code Instant.now()}, or the service as a child process) must not carry a fixed ISBT 128 label
 * date or time, because such a date is in the future only until the day it passes, and from then
 * on CI fails on every clean checkout. Such tests build label dates with
 * {@link Labels#expiryInDays(java.time.Clock, int)} from the clock the code uses.
 *
 * <p>Tests on a {@link TestClock} may use fixed dates (the clock is fixed too); pure decoder tables
 * under {@code src/test/resources} compare decoded values with expected values, never with a clock.
 */
class NoFixedLabelDatesTest {

    /** ST-001 date structures with a literal date: expiry {@code &>}, collection {@code &*}, production {@code =}}, and the date-only forms. */
    static final Pattern FIXED_LABEL_DATE = Pattern.compile("[&=][>*}]\\d{6}");
    static final Pattern REAL_CLOCK = Pattern.compile(
            "Clock\\.system(UTC|DefaultZone)\\(\\)|Instant\\.now\\(\\)|LocalDate(Time)?\\.now\\(\\)|ServiceProcess\\.start");

    @Test
    void noTestThatUsesTheRealClockCarriesAFixedLabelDate() throws IOException {
        assertThat(offenders(Path.of("src/test/java")))
                .as("test classes that use the real clock and a fixed ISBT 128 date; build the date with Labels.expiryInDays(clock, days)")
                .isEmpty();
    }

    @Test
    void theGuardRecognisesAFixedExpiryNextToTheSystemClock() {
        assertThat(offends("service = start(Clock.systemUTC()); scan(\"&>0263301200\");")).isTrue();
        assertThat(offends("service = start(Clock.systemUTC()); scan(Labels.expiryInDays(clock, 3));")).isFalse();
        assertThat(offends("clock = new TestClock(T0); scan(\"&>0263301200\");")).isFalse();
    }

    static List<Path> offenders(Path root) throws IOException {
        List<Path> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                if (!f.getFileName().toString().equals("NoFixedLabelDatesTest.java") && offends(Files.readString(f))) {
                    bad.add(f);
                }
            }
        }
        return bad;
    }

    static boolean offends(String source) {
        return REAL_CLOCK.matcher(source).find() && FIXED_LABEL_DATE.matcher(source).find();
    }
}
