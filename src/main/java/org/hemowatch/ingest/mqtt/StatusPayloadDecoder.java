package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.rule.RejectedException;
import com.fasterxml.jackson.databind.JsonNode;
import org.hemowatch.domain.DeviceStatusReport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decodes a device status payload: {@code {"seq"?, "ts"?, "status": "online"|"offline"|CODE}} or,
 * for last-will messages that firmware often sets as plain text, just {@code online} / {@code offline}.
 * CODE is a device alarm such as {@code PWR_FAIL}, {@code PWR_OK}, {@code COMP_FAULT}, {@code BATT_LOW}.
 */
public final class StatusPayloadDecoder {

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,23}");

    private StatusPayloadDecoder() {
    }

    public static Decoded<DeviceStatusReport> decode(String site, String device, byte[] payload, Instant arrival, String source) {
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        String plain = text.toLowerCase(Locale.ROOT);
        if (plain.equals("online") || plain.equals("offline")) {
            return Decoded.ok(new DeviceStatusReport(site, device, -1, arrival, plain, source));
        }
        JsonNode o;
        try {
            o = JsonFields.object(payload, "a status payload is a JSON object or the plain text online/offline");
        } catch (RejectedException b) {
            return Decoded.rejected(b.rejection(), null);
        }
        try {
            long seq = o.has("seq") ? JsonFields.seq(o) : -1;
            Instant at = JsonFields.ts(o, arrival);
            String status = JsonFields.optionalText(o, "status");
            if (status == null) {
                throw RejectedException.invalid("missing-status", "'status' is required: online, offline or an alarm code like PWR_FAIL");
            }
            String lower = status.toLowerCase(Locale.ROOT);
            String code;
            if (lower.equals("online") || lower.equals("offline")) {
                code = lower;
            } else if (CODE.matcher(status).matches()) {
                code = status;
            } else {
                throw RejectedException.invalid("bad-status", "'status' must be online, offline or an upper-case alarm code (A-Z, 0-9, _; up to 24), got '" + status + "'");
            }
            return Decoded.ok(new DeviceStatusReport(site, device, seq, at, code, source));
        } catch (RejectedException b) {
            return Decoded.rejected(b.rejection(), JsonFields.seqIfAny(o));
        }
    }
}
