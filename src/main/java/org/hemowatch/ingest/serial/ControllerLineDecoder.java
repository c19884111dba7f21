package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rules;
import java.util.regex.Pattern;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;

/**
 * Decodes one framed controller line ({@code $HWT,...*HH} or {@code $HWS,...*HH}, no terminator).
 * Pure and stateless; the protocol is specified in {@code firmware-protocols/serial-fridge.md}.
 *
 * <p>Checks run in this order, the first failure wins: start {@code $}, {@code *HH} present,
 * checksum (XOR of every byte between {@code $} and {@code *}, two upper-case hex digits), sentence
 * id, field count, then each field left to right.
 */
public final class ControllerLineDecoder {
    public static final double MIN_TEMP_C = -200.0;
    public static final double MAX_TEMP_C = 100.0;
    public static final long MAX_SEQ = 4_294_967_295L;

    private static final Pattern ADDR = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern SEQ = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final Pattern TEMP = Pattern.compile("-?(0|[1-9][0-9]{0,2})(\\.[0-9]{1,2})?");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,23}");
    private static final Pattern HEX2 = Pattern.compile("[0-9A-F]{2}");

    /** Decodes a frame; never throws on bad input. */
    public ControllerLine decode(String frame) {
        if (frame == null || frame.isEmpty() || frame.charAt(0) != '$') {
            return ControllerLine.rejected(Rules.BAD_FORMAT, "line does not start with '$'");
        }
        int star = frame.lastIndexOf('*');
        if (star < 0 || star != frame.length() - 3) {
            return ControllerLine.rejected(Rules.MISSING_CHECKSUM, "line does not end with '*' and two hex digits");
        }
        String sent = frame.substring(star + 1);
        String body = frame.substring(1, star);
        if (!HEX2.matcher(sent).matches()) {
            return ControllerLine.rejected(Rules.BAD_CHECKSUM, "checksum '" + sent + "' is not two upper-case hex digits");
        }
        String expected = checksumHex(body);
        if (!expected.equals(sent)) {
            return ControllerLine.rejected(Rules.BAD_CHECKSUM, "checksum " + sent + " does not match computed " + expected);
        }
        String[] f = body.split(",", -1);
        return switch (f[0]) {
            case "HWT" -> decodeReading(f);
            case "HWS" -> decodeStatus(f);
            default -> ControllerLine.rejected(Rules.UNKNOWN_SENTENCE, "unknown sentence '" + f[0] + "'");
        };
    }

    /** XOR of the characters of {@code body} (the text between {@code $} and {@code *}). */
    public static int checksum(CharSequence body) {
        int x = 0;
        for (int i = 0; i < body.length(); i++) {
            x ^= body.charAt(i) & 0xFF;
        }
        return x;
    }

    /** {@link #checksum} as two upper-case hex digits. */
    public static String checksumHex(CharSequence body) {
        return String.format("%02X", checksum(body));
    }

    private ControllerLine decodeReading(String[] f) {
        if (f.length != 7) {
            return fieldCount("HWT", 7, f.length);
        }
        ControllerLine.Rejected e = checkAddrSeq(f);
        if (e != null) {
            return e;
        }
        String probe = f[3];
        if (!probe.equals("air") && !probe.equals("product")) {
            return ControllerLine.rejected(Rules.BAD_PROBE, "probe '" + probe + "' is not 'air' or 'product'");
        }
        if (!TEMP.matcher(f[4]).matches()) {
            return ControllerLine.rejected(Rules.BAD_TEMPERATURE, "temperature '" + f[4] + "' is not a decimal like 4.2 or -30.5 (at most 2 decimals)");
        }
        double t = Double.parseDouble(f[4]);
        if (t < MIN_TEMP_C || t > MAX_TEMP_C) {
            return ControllerLine.rejected(Rules.BAD_TEMPERATURE, "temperature " + f[4] + " outside " + MIN_TEMP_C + ".." + MAX_TEMP_C);
        }
        DoorState door = switch (f[5]) {
            case "O" -> DoorState.OPEN;
            case "C" -> DoorState.CLOSED;
            case "-" -> DoorState.UNKNOWN;
            default -> null;
        };
        if (door == null) {
            return ControllerLine.rejected(Rules.BAD_DOOR, "door '" + f[5] + "' is not O, C or -");
        }
        AgitatorState agitator = switch (f[6]) {
            case "1" -> AgitatorState.ON;
            case "0" -> AgitatorState.OFF;
            case "-" -> AgitatorState.UNKNOWN;
            default -> null;
        };
        if (agitator == null) {
            return ControllerLine.rejected(Rules.BAD_AGITATOR, "agitator '" + f[6] + "' is not 1, 0 or -");
        }
        // "-0.0" is what printf gives for small negatives; store plain zero.
        return new ControllerReading(f[1], Long.parseLong(f[2]), probe, t == 0.0 ? 0.0 : t, door, agitator);
    }

    private ControllerLine decodeStatus(String[] f) {
        if (f.length != 4) {
            return fieldCount("HWS", 4, f.length);
        }
        ControllerLine.Rejected e = checkAddrSeq(f);
        if (e != null) {
            return e;
        }
        if (!CODE.matcher(f[3]).matches()) {
            return ControllerLine.rejected(Rules.BAD_STATUS_CODE, "status code '" + f[3] + "' is not 1-24 of A-Z, 0-9, _ starting with a letter");
        }
        return new ControllerStatus(f[1], Long.parseLong(f[2]), f[3]);
    }

    private static ControllerLine.Rejected checkAddrSeq(String[] f) {
        if (!ADDR.matcher(f[1]).matches() || Integer.parseInt(f[1]) > 255) {
            return ControllerLine.rejected(Rules.BAD_ADDRESS, "address '" + f[1] + "' is not a decimal 0..255 without leading zeros");
        }
        if (!SEQ.matcher(f[2]).matches() || Long.parseLong(f[2]) > MAX_SEQ) {
            return ControllerLine.rejected(Rules.BAD_SEQUENCE, "sequence '" + f[2] + "' is not a decimal 0.." + MAX_SEQ + " without leading zeros");
        }
        return null;
    }

    private static ControllerLine.Rejected fieldCount(String sentence, int expected, int actual) {
        return ControllerLine.rejected(Rules.BAD_FIELD_COUNT, sentence + " needs " + expected + " comma-separated fields including '" + sentence + "', got " + actual);
    }
}
