package org.hemowatch.domain.coldchain;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;
import org.hemowatch.json.JsonMappers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the scripted scenarios in {@code src/test/resources/coldchain/scenario-*.csv} against one
 * {@link DeviceMonitor}. Format (see the files): a {@code # profile: kind key=value ...} line, then rows
 * {@code at,input,value,door,agitator,state,online,events,checks}:
 * <ul>
 *   <li>{@code at}: offset from a fixed instant ({@code 0}, {@code 5m}, {@code 1h5m}); readings may go back in time</li>
 *   <li>{@code input}: {@code reading} (value = °C), {@code status} (value = code), {@code tick},
 *       {@code restart} (snapshot, JSON round trip, new monitor)</li>
 *   <li>{@code door}/{@code agitator}: {@code open}/{@code closed}, {@code on}/{@code off}, empty = unknown</li>
 *   <li>{@code state}: expected state after the input; {@code online}: expected liveness, empty = not checked</li>
 *   <li>{@code events}: expected event types in order, space-separated, {@code -} for none</li>
 *   <li>{@code checks}: {@code Type.field[.field]=value} separated by {@code ;}; instants as offsets</li>
 * </ul>
 */
class ColdChainScenarioTest {

    static Stream<String> scenarios() {
        return Stream.of(
                "scenario-fridge-excursion-lifecycle.csv",
                "scenario-fridge-hysteresis.csv",
                "scenario-fridge-breach-and-hard-limits.csv",
                "scenario-fridge-delay-on-timer.csv",
                "scenario-zero-delay.csv",
                "scenario-freezer.csv",
                "scenario-transport-box-first-reading.csv",
                "scenario-offline.csv",
                "scenario-door.csv",
                "scenario-platelet-agitator.csv",
                "scenario-fridge-ignores-agitator.csv",
                "scenario-late-readings.csv",
                "scenario-restart-mid-excursion.csv",
                "scenario-restart-while-pending.csv",
                "scenario-device-alarms.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void runsScenario(String file) throws IOException {
        List<String> lines = read(file);
        DeviceProfile profile = null;
        DeviceMonitor monitor = null;
        int rows = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + ":" + (i + 1) + " [" + line + "]";
            if (line.startsWith("# profile:")) {
                String[] words = line.substring("# profile:".length()).trim().split("\\s+");
                profile = Scripts.profile(words[0], Arrays.copyOfRange(words, 1, words.length));
                monitor = DeviceMonitor.start(profile, Scripts.T0);
                continue;
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("at,")) {
                continue;
            }
            if (monitor == null) {
                fail(where + ": no '# profile:' line before the first row");
            }
            String[] c = Arrays.copyOf(line.split(",", -1), 9);
            for (int k = 0; k < c.length; k++) {
                c[k] = c[k] == null ? "" : c[k].trim();
            }
            Instant at = Scripts.at(c[0]);
            List<ColdChainEvent> events = switch (c[1]) {
                case "reading" -> monitor.onReading(Scripts.reading(Scripts.SITE, Scripts.DEVICE, at,
                        Double.parseDouble(c[2]), door(c[3]), agitator(c[4])));
                case "status" -> monitor.onStatus(Scripts.status(c[0], c[2]));
                case "tick" -> monitor.onTick(at);
                case "restart" -> {
                    monitor = DeviceMonitor.restore(profile, JsonMappers.readSnapshot(JsonMappers.writeSnapshot(monitor.snapshot()), DeviceMonitorState.class));
                    yield List.of();
                }
                default -> throw new IllegalArgumentException(where + ": unknown input " + c[1]);
            };
            assertThat(monitor.state()).as(where + " state").isEqualTo(DeviceState.valueOf(c[5]));
            if (!c[6].isEmpty()) {
                assertThat(monitor.online()).as(where + " online").isEqualTo(Boolean.parseBoolean(c[6]));
            }
            List<String> expectedTypes = c[7].isEmpty() || c[7].equals("-") ? List.of() : List.of(c[7].split("\\s+"));
            assertThat(events).as(where + " events " + events)
                    .extracting(e -> e.getClass().getSimpleName()).containsExactlyElementsOf(expectedTypes);
            assertThat(events).as(where + " device of events")
                    .allSatisfy(e -> assertThat(e.device()).isEqualTo(Scripts.DEVICE));
            if (!c[8].isEmpty()) {
                for (String check : c[8].split(";")) {
                    verify(where, events, check.trim());
                }
            }
            rows++;
        }
        assertThat(rows).as(file + " has rows").isPositive();
    }

    private static void verify(String where, List<ColdChainEvent> events, String check) {
        String[] kv = check.split("=", 2);
        String[] path = kv[0].split("\\.");
        ColdChainEvent event = events.stream().filter(e -> e.getClass().getSimpleName().equals(path[0])).findFirst()
                .orElseThrow(() -> new AssertionError(where + ": no " + path[0] + " event for check " + check));
        Object value = event;
        for (int k = 1; k < path.length; k++) {
            value = component(value, path[k], where);
        }
        String expected = kv[1].trim();
        String what = where + " " + kv[0];
        if (value instanceof Instant instant) {
            assertThat(instant).as(what).isEqualTo(Scripts.isOffset(expected) ? Scripts.at(expected) : Instant.parse(expected));
        } else if (value instanceof Double d) {
            assertThat(d).as(what).isCloseTo(Double.parseDouble(expected), org.assertj.core.data.Offset.offset(1e-9));
        } else {
            assertThat(String.valueOf(value)).as(what).isEqualTo(expected);
        }
    }

    private static Object component(Object record, String name, String where) {
        for (RecordComponent rc : record.getClass().getRecordComponents()) {
            if (rc.getName().equals(name)) {
                try {
                    return rc.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new AssertionError(where + ": " + record.getClass().getSimpleName() + " has no field " + name);
    }

    private static DoorState door(String s) {
        return switch (s) {
            case "open" -> DoorState.OPEN;
            case "closed" -> DoorState.CLOSED;
            case "" -> DoorState.UNKNOWN;
            default -> throw new IllegalArgumentException("door " + s);
        };
    }

    private static AgitatorState agitator(String s) {
        return switch (s) {
            case "on" -> AgitatorState.ON;
            case "off" -> AgitatorState.OFF;
            case "" -> AgitatorState.UNKNOWN;
            default -> throw new IllegalArgumentException("agitator " + s);
        };
    }

    private static List<String> read(String file) throws IOException {
        try (InputStream in = ColdChainScenarioTest.class.getResourceAsStream("/coldchain/" + file)) {
            if (in == null) {
                throw new IOException("missing resource coldchain/" + file);
            }
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }
}
