package org.hemowatch.ingest.mqtt;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The session store's logic without a broker: ownership, takeover, in-flight, offline queue, retained state, revocation. */
class SessionStoreTest {

    private static final String ALERTS = "hemowatch/v1/main/alerts/#";

    private final MqttMetrics metrics = new MqttMetrics(new SimpleMeterRegistry());
    private SessionStore store = new SessionStore(10, 3, metrics);

    private static Outbound msg(String topic, String payload, MqttQoS qos) {
        return new Outbound(topic, Buffer.buffer(payload), qos);
    }

    private static Outbound alert(String payload) {
        return msg("hemowatch/v1/main/alerts/cold-chain/fridge-1", payload, MqttQoS.AT_LEAST_ONCE);
    }

    private static Map<String, MqttQoS> sub(String filter, MqttQoS qos) {
        Map<String, MqttQoS> m = new LinkedHashMap<>();
        m.put(filter, qos);
        return m;
    }

    private RecordingLink open(String clientId, String owner, boolean clean) {
        RecordingLink l = new RecordingLink();
        assertThat(store.open(clientId, owner, clean, l)).isEmpty();
        return l;
    }

    @Test
    void aClientIdWhoseLiveSessionBelongsToAnotherKeyIsRefusedAndTheOwnerStaysConnected() {
        RecordingLink owner = open("desk-1", "key-a", true);
        RecordingLink intruder = new RecordingLink();

        assertThat(store.open("desk-1", "key-b", true, intruder)).contains(ConnectRefusal.SESSION_OWNED);

        assertThat(owner.closed).isFalse();
        assertThat(intruder.accepted).as("no CONNACK accepting the intruder").isNull();
        assertThat(store.connections()).isEqualTo(1);
        store.publish(alert("a"), false);
        assertThat(intruder.sent).isEmpty();
    }

    @Test
    void aPersistentSessionOfflineStillBelongsToItsKeyAndKeepsItsQueueFromAnotherKey() {
        RecordingLink first = open("desk-1", "key-a", false);
        store.subscribe("desk-1", first, sub(ALERTS, MqttQoS.AT_LEAST_ONCE));
        store.closed("desk-1", first);
        store.publish(alert("queued"), false);

        assertThat(store.open("desk-1", "key-b", false, new RecordingLink())).contains(ConnectRefusal.SESSION_OWNED);
        assertThat(store.pending("desk-1")).isEqualTo(1);

        RecordingLink back = open("desk-1", "key-a", false);
        assertThat(back.accepted).as("session present").isTrue();
        assertThat(back.payloads()).containsExactly("queued");
    }

    @Test
    void theOwnerTakesOverItsLiveConnectionWithoutCountingTwiceAtTheLimit() {
        store = new SessionStore(1, 3, metrics);
        RecordingLink old = open("fridge-1", "key-a", true);
        assertThat(store.open("fridge-2", "key-a", true, new RecordingLink())).contains(ConnectRefusal.LIMIT);

        RecordingLink fresh = open("fridge-1", "key-a", true);

        assertThat(old.closed).isTrue();
        assertThat(fresh.accepted).isFalse();
        assertThat(store.connections()).isEqualTo(1);
        store.closed("fridge-1", old); // the old connection's close arrives late: ignored
        assertThat(store.connections()).isEqualTo(1);
        assertThat(store.sessions()).isEqualTo(1);
    }

    @Test
    void resumesInFlightMessagesWithDupAndTheirPacketIdsThenTheQueue() {
        RecordingLink l = open("desk-1", "key-a", false);
        store.subscribe("desk-1", l, sub(ALERTS, MqttQoS.AT_LEAST_ONCE));
        store.publish(alert("one"), false);
        store.publish(alert("two"), false);
        int firstId = l.sent.get(0).packetId();
        store.acknowledged("desk-1", l, firstId);
        store.closed("desk-1", l);
        store.publish(alert("three"), false);

        RecordingLink again = open("desk-1", "key-a", false);

        assertThat(again.accepted).isTrue();
        assertThat(again.sent).extracting(RecordingLink.Sent::payload, RecordingLink.Sent::dup)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("two", true), org.assertj.core.groups.Tuple.tuple("three", false));
        assertThat(again.sent.get(0).packetId()).isEqualTo(l.sent.get(1).packetId());
        assertThat(again.sent.get(1).packetId()).isNotEqualTo(again.sent.get(0).packetId()).isPositive();
    }

    @Test
    void theOfflineQueueIsBoundedDroppingTheOldest() {
        RecordingLink l = open("desk-1", "key-a", false);
        store.subscribe("desk-1", l, sub(ALERTS, MqttQoS.AT_LEAST_ONCE));
        store.closed("desk-1", l);
        for (int i = 1; i <= 5; i++) {
            store.publish(alert("m" + i), false);
        }
        assertThat(store.pending("desk-1")).isEqualTo(3);

        assertThat(open("desk-1", "key-a", false).payloads()).containsExactly("m3", "m4", "m5");
    }

    @Test
    void aCleanSessionEndsWithItsConnectionAndACleanReconnectStartsAfresh() {
        RecordingLink l = open("desk-1", "key-a", true);
        store.subscribe("desk-1", l, sub(ALERTS, MqttQoS.AT_LEAST_ONCE));
        store.closed("desk-1", l);
        assertThat(store.sessions()).isZero();

        RecordingLink again = open("desk-1", "key-a", false);
        store.publish(alert("after"), false);
        assertThat(again.accepted).isFalse();
        assertThat(again.sent).as("no subscription survived").isEmpty();
    }

    @Test
    void deliversAtTheLowerOfTheGrantAndTheMessageQosAndOnceForOverlappingFilters() {
        RecordingLink l = open("desk-1", "key-a", true);
        store.subscribe("desk-1", l, sub(ALERTS, MqttQoS.AT_MOST_ONCE));
        store.subscribe("desk-1", l, sub("hemowatch/v1/main/alerts/cold-chain/+", MqttQoS.AT_LEAST_ONCE));
        store.publish(alert("x"), false);
        store.publish(msg("hemowatch/v1/main/alerts/shortage/O-", "y", MqttQoS.AT_LEAST_ONCE), false);
        store.publish(msg("hemowatch/v1/main/alerts/cold-chain/f2", "z", MqttQoS.AT_MOST_ONCE), false);
        store.publish(msg("hemowatch/v1/north/alerts/cold-chain/f2", "other site", MqttQoS.AT_LEAST_ONCE), false);

        assertThat(l.sent).extracting(RecordingLink.Sent::payload, RecordingLink.Sent::qos).containsExactly(
                org.assertj.core.groups.Tuple.tuple("x", MqttQoS.AT_LEAST_ONCE),
                org.assertj.core.groups.Tuple.tuple("y", MqttQoS.AT_MOST_ONCE),
                org.assertj.core.groups.Tuple.tuple("z", MqttQoS.AT_MOST_ONCE));
        assertThat(l.sent.get(1).packetId()).isZero();
    }

    @Test
    void aNewSubscriptionGetsTheRetainedStateFlaggedRetainAndAnEmptyRetainedPayloadClearsIt() {
        store.publish(alert("open"), true);
        store.publish(msg("hemowatch/v1/main/alerts/shortage/O-", "low", MqttQoS.AT_LEAST_ONCE), true);
        store.publish(msg("hemowatch/v1/main/alerts/shortage/O-", "", MqttQoS.AT_LEAST_ONCE), true);

        RecordingLink l = open("desk-1", "key-a", true);
        Map<String, MqttQoS> two = sub(ALERTS, MqttQoS.AT_LEAST_ONCE);
        two.put("hemowatch/v1/main/alerts/cold-chain/+", MqttQoS.AT_LEAST_ONCE);
        store.subscribe("desk-1", l, two);

        assertThat(l.sent).extracting(RecordingLink.Sent::payload, RecordingLink.Sent::retain)
                .as("once, though two new filters match").containsExactly(org.assertj.core.groups.Tuple.tuple("open", true));
        store.publish(alert("live"), false);
        assertThat(l.sent.get(1).retain()).isFalse();
    }

    @Test
    void theInFlightWindowIsBoundedAndAnAcknowledgementLetsTheNextOneGo() {
        store = new SessionStore(10, 1000, metrics);
        RecordingLink l = open("desk-1", "key-a", true);
        store.subscribe("desk-1", l, sub(ALERTS, MqttQoS.AT_LEAST_ONCE));
        for (int i = 0; i < SessionStore.MAX_INFLIGHT + 5; i++) {
            store.publish(alert("m" + i), false);
        }
        assertThat(l.sent).hasSize(SessionStore.MAX_INFLIGHT);

        store.acknowledged("desk-1", l, l.sent.get(0).packetId());
        assertThat(l.sent).hasSize(SessionStore.MAX_INFLIGHT + 1);
        assertThat(l.sent.get(SessionStore.MAX_INFLIGHT).payload()).isEqualTo("m" + SessionStore.MAX_INFLIGHT);
        assertThat(l.sent).extracting(RecordingLink.Sent::packetId).doesNotHaveDuplicates();
    }

    @Test
    void revokingAKeyClosesItsConnectionsAndForgetsItsPersistentSessionsButNoOneElses() {
        RecordingLink live = open("desk-1", "key-a", false);
        RecordingLink offline = open("desk-2", "key-a", false);
        store.subscribe("desk-2", offline, sub(ALERTS, MqttQoS.AT_LEAST_ONCE));
        store.closed("desk-2", offline);
        RecordingLink other = open("desk-3", "key-b", false);

        assertThat(store.revoke("key-a")).isEqualTo(2);

        assertThat(live.closed).isTrue();
        assertThat(other.closed).isFalse();
        assertThat(store.sessions()).isEqualTo(1);
        assertThat(store.connections()).isEqualTo(1);
        store.publish(alert("after"), false);
        assertThat(store.pending("desk-2")).isZero();
        // the client id is free again: another key may now create it
        assertThat(store.open("desk-1", "key-c", true, new RecordingLink())).isEqualTo(Optional.empty());
        assertThat(List.of(store.connections())).containsExactly(2);
    }
}
