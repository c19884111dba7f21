package org.hemowatch.ingest.serial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hemowatch.domain.UnitAction;

/**
 * One entry of {@code serial.ports}. Defaults are applied for absent values ({@code baud} 0 or null
 * collections/durations); everything else is validated and all problems are reported together in
 * one {@link IllegalArgumentException}, each naming its key, e.g.
 * {@code serial.ports[/dev/ttyUSB0].devices: address "01" ...}.
 *
 * @param path      device path, e.g. {@code /dev/ttyUSB0} or a {@code /dev/serial/by-id/...} link
 * @param kind      what is attached
 * @param baud      line speed (8N1); default {@value #DEFAULT_BAUD}
 * @param devices   FRIDGE only: controller address ({@code "1"}) to device id ({@code fridge-1})
 * @param scanner   SCANNER only: scanner id
 * @param action    SCANNER only: what a scan on this port does (a scan action, e.g. RECEIVE)
 * @param location  SCANNER only: where the scanner stands (e.g. {@code receiving})
 * @param site      site the port belongs to (required for both kinds)
 * @param quietTime SCANNER only: quiet time that closes a group of reads; default 3 s
 */
public record SerialPortConfig(
        String path,
        Kind kind,
        int baud,
        Map<String, String> devices,
        String scanner,
        UnitAction action,
        String location,
        String site,
        Duration quietTime) {

    public static final int DEFAULT_BAUD = 9600;
    private static final Set<Integer> BAUDS = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);
    private static final Pattern ADDR = Pattern.compile("0|[1-9][0-9]{0,2}");

    public enum Kind {
        FRIDGE, SCANNER;

        /** Case-insensitive ({@code fridge}, {@code SCANNER}). */
        public static Kind parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("kind: '" + text + "' is not fridge or scanner");
            }
        }
    }

    public SerialPortConfig {
        if (baud == 0) {
            baud = DEFAULT_BAUD;
        }
        devices = devices == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
        if (quietTime == null) {
            quietTime = ScanAssembler.DEFAULT_QUIET_TIME;
        }
        List<String> problems = problems(path, kind, baud, devices, scanner, action, location, site, quietTime);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** A fridge-controller port. */
    public static SerialPortConfig fridge(String path, int baud, Map<String, String> devices, String site) {
        return new SerialPortConfig(path, Kind.FRIDGE, baud, devices, null, null, null, site, null);
    }

    /** A scanner port. */
    public static SerialPortConfig scanner(String path, int baud, String scanner, UnitAction action,
                                           String location, String site, Duration quietTime) {
        return new SerialPortConfig(path, Kind.SCANNER, baud, null, scanner, action, location, site, quietTime);
    }

    private static List<String> problems(String path, Kind kind, int baud, Map<String, String> devices,
                                         String scanner, UnitAction action, String location, String site,
                                         Duration quietTime) {
        List<String> p = new ArrayList<>();
        String at = "serial.ports[" + (blank(path) ? "?" : path) + "].";
        if (blank(path)) {
            p.add(at + "path: required");
        }
        if (kind == null) {
            p.add(at + "kind: required (fridge or scanner)");
        }
        if (!BAUDS.contains(baud)) {
            p.add(at + "baud: " + baud + " is not one of " + new java.util.TreeSet<>(BAUDS));
        }
        if (blank(site)) {
            p.add(at + "site: required");
        }
        if (kind == Kind.FRIDGE) {
            if (devices.isEmpty()) {
                p.add(at + "devices: a fridge port needs at least one address -> device id entry");
            }
            Set<String> seen = new HashSet<>();
            devices.forEach((addr, device) -> {
                if (addr == null || !ADDR.matcher(addr).matches() || Integer.parseInt(addr) > 255) {
                    p.add(at + "devices: address \"" + addr + "\" is not a decimal 0..255 without leading zeros");
                }
                if (blank(device)) {
                    p.add(at + "devices: address \"" + addr + "\" has no device id");
                } else if (!seen.add(device)) {
                    p.add(at + "devices: device id " + device + " appears for more than one address");
                }
            });
            if (scanner != null) {
                p.add(at + "scanner: only for scanner ports");
            }
            if (action != null) {
                p.add(at + "action: only for scanner ports");
            }
            if (location != null) {
                p.add(at + "location: only for scanner ports");
            }
        } else if (kind == Kind.SCANNER) {
            if (!devices.isEmpty()) {
                p.add(at + "devices: only for fridge ports");
            }
            if (blank(scanner)) {
                p.add(at + "scanner: required for a scanner port");
            }
            if (action == null) {
                p.add(at + "action: required for a scanner port");
            } else if (!action.isScanAction()) {
                p.add(at + "action: " + action + " is not a scan action");
            }
            if (blank(location)) {
                p.add(at + "location: required for a scanner port");
            }
            if (quietTime.isNegative() || quietTime.isZero() || quietTime.compareTo(Duration.ofMinutes(1)) > 0) {
                p.add(at + "quietTime: " + quietTime + " must be more than 0 and at most 1 minute");
            }
        }
        return p;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
