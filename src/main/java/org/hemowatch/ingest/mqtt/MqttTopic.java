package org.hemowatch.ingest.mqtt;

import org.hemowatch.publish.Topics;

import java.util.Optional;
import org.hemowatch.domain.Ids;


/**
 * An inbound topic of the protocol: {@code hemowatch/v1/{site}/devices/{device}/readings|status}
 * or {@code hemowatch/v1/{site}/scanners/{scanner}/scans}. Pure parsing, see {@link #parse}.
 */
public record MqttTopic(String site, Sender sender, String id, Channel channel) {

    public static final String PREFIX = Topics.PREFIX;

    public enum Sender {
        DEVICE(Topics.DEVICES), SCANNER(Topics.SCANNERS);

        final String segment;

        Sender(String segment) {
            this.segment = segment;
        }
    }

    public enum Channel { READINGS, SCANS, STATUS }

    /** The topic the service publishes rejections of this sender's messages to. */
    public String errorsTopic() {
        return errorsTopic(site, sender, id);
    }

    public static String errorsTopic(String site, Sender sender, String id) {
        return Topics.errors(site, sender.segment, id);
    }

    /** Parses a topic, or says (as an {@link RejectedMessage} with rule {@code wrong-topic}) why it is not one of ours. */
    public static Parsed parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return wrong(topic, "topics start with " + PREFIX);
        }
        String[] p = topic.substring(PREFIX.length()).split("/", -1);
        if (p.length != 4) {
            return wrong(topic, "expected " + PREFIX + "{site}/devices/{device}/readings|status or " + PREFIX + "{site}/scanners/{scanner}/scans");
        }
        if (!Ids.valid(p[0]) || !Ids.valid(p[2])) {
            return wrong(topic, "site and device/scanner ids are " + Ids.DESCRIPTION);
        }
        Sender sender;
        if (p[1].equals(Topics.DEVICES)) {
            sender = Sender.DEVICE;
        } else if (p[1].equals(Topics.SCANNERS)) {
            sender = Sender.SCANNER;
        } else {
            return wrong(topic, "the third level must be 'devices' or 'scanners'");
        }
        Channel channel;
        if (sender == Sender.DEVICE && p[3].equals("readings")) {
            channel = Channel.READINGS;
        } else if (sender == Sender.DEVICE && p[3].equals("status")) {
            channel = Channel.STATUS;
        } else if (sender == Sender.SCANNER && p[3].equals("scans")) {
            channel = Channel.SCANS;
        } else {
            return new Parsed(null, RejectedMessage.invalid("wrong-topic", "devices publish to .../readings or .../status, scanners to .../scans; '"
                    + p[3] + "' is not accepted here", null), Optional.of(errorsTopic(p[0], sender, p[2])));
        }
        return new Parsed(new MqttTopic(p[0], sender, p[2], channel), null, Optional.empty());
    }

    private static Parsed wrong(String topic, String why) {
        return new Parsed(null, RejectedMessage.invalid("wrong-topic", "topic '" + topic + "' is not part of the protocol: " + why, null), Optional.empty());
    }

    /**
     * Result of {@link #parse}: a topic, or a rejection plus, where the topic still names a sender,
     * that sender's errors topic.
     */
    public record Parsed(MqttTopic topic, RejectedMessage rejection, Optional<String> errorsTopic) {
        public boolean ok() {
            return topic != null;
        }
    }
}
