package org.hemowatch.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.buffer.Buffer;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.json.JsonMappers;

import java.util.List;

/**
 * Every MQTT topic name of the protocol, inbound and outbound, and the one payload of the errors
 * topics. Nothing else builds a {@code hemowatch/v1/} topic.
 * <pre>
 * hemowatch/v1/{site}/devices/{device}/readings|status     inbound, from fridges
 * hemowatch/v1/{site}/scanners/{scanner}/scans              inbound, from scanners
 * hemowatch/v1/{site}/devices|scanners/{id}/errors          outbound, rejections of that sender's messages
 * hemowatch/v1/{site}/alerts/{kind-topic}/{subject}         outbound, retained alert state
 * hemowatch/v1/{site}/stations/{station}/alerts             outbound, a station's alert feed
 * </pre>
 * In alert topics the subject is made a single topic level: {@code /} becomes
 * {@code _}, and the wildcard characters {@code +} and {@code #} (forbidden in topic names) are
 * percent-encoded as {@code %2B} and {@code %23} ({@code %} itself as {@code %25}); e.g.
 * {@code RBC/O-} → {@code RBC_O-}, {@code RBC/AB+} → {@code RBC_AB%2B}.
 */
public final class Topics {

    /** The protocol's root level and version. */
    public static final String PREFIX = "hemowatch/v1/";
    /** Topic level of devices (fridges, freezers, agitators). */
    public static final String DEVICES = "devices";
    /** Topic level of scanners. */
    public static final String SCANNERS = "scanners";
    /** What the service subscribes to at an external broker: every inbound topic of every site. */
    public static final List<String> INBOUND_FILTERS = List.of(
            PREFIX + "+/" + DEVICES + "/+/readings",
            PREFIX + "+/" + SCANNERS + "/+/scans",
            PREFIX + "+/" + DEVICES + "/+/status");

    private Topics() {
    }

    /** {@code hemowatch/v1/{site}/devices/{device}/readings}. */
    public static String readings(String site, String device) {
        return PREFIX + site + "/" + DEVICES + "/" + device + "/readings";
    }

    /** {@code hemowatch/v1/{site}/devices/{device}/status}. */
    public static String status(String site, String device) {
        return PREFIX + site + "/" + DEVICES + "/" + device + "/status";
    }

    /** {@code hemowatch/v1/{site}/scanners/{scanner}/scans}. */
    public static String scans(String site, String scanner) {
        return PREFIX + site + "/" + SCANNERS + "/" + scanner + "/scans";
    }

    /** {@code hemowatch/v1/{site}/{devices|scanners}/{id}/errors}: where a sender's rejected messages are reported. */
    public static String errors(String site, String senderLevel, String id) {
        return PREFIX + site + "/" + senderLevel + "/" + id + "/errors";
    }

    /**
     * The payload of every errors topic, whichever wire the message came in on:
     * {@code {"seq": n|null, "error": {"rule", "message"}}}, plus {@code "reads"} when the rejected
     * message was a scan assembled from separate reads (serial).
     *
     * @param seq   the message's (or offending batch element's) seq when it could be read, else null
     * @param reads the reads of a serial scan, or null
     */
    public static Buffer errorPayload(Long seq, List<String> reads, String rule, String message) {
        // a Buffer, as the Vert.x MQTT API publishes one
        return Buffer.buffer(JsonMappers.writeWire(new ErrorPayload(seq, reads, new ErrorPayload.Refusal(rule, message))));
    }

    /** The errors topics' payload: {@code seq} always (null when unknown), {@code reads} only for a serial scan. */
    record ErrorPayload(Long seq, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> reads, Refusal error) {
        record Refusal(String rule, String message) {
        }
    }

    /** {@code hemowatch/v1/{site}/alerts/{kind-topic}/{subject}}. */
    public static String alertTopic(Alert a) {
        return PREFIX + level(a.site()) + "/alerts/" + a.kind().topic() + "/" + level(a.subject());
    }

    /** {@code hemowatch/v1/{site}/stations/{station}/alerts}. */
    public static String stationTopic(String site, String station) {
        return PREFIX + level(site) + "/stations/" + level(station) + "/alerts";
    }

    /** One topic level for any text (see the class comment). */
    public static String level(String text) {
        if (text.isEmpty()) {
            return "_";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '/' -> b.append('_');
                case '+' -> b.append("%2B");
                case '#' -> b.append("%23");
                case '%' -> b.append("%25");
                default -> {
                    if (c >= 0x20 && c != 0x7f) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    public static boolean isTopicSafe(String text) {
        return level(text).equals(text);
    }
}
