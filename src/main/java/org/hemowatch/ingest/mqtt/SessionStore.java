package org.hemowatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded endpoint's sessions, retained messages and routing of outbound messages.
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Confinement.</b> Not thread-safe by design: every method is called on one Vert.x context
 *       (the endpoint's store context); connections talk to it through {@link Link}s. So there are no
 *       locks, and the order of opens, closes and publishes is the order they reached that context.</li>
 *   <li><b>Ownership.</b> A session belongs to the key id that created it. An open by another key for a
 *       live or persistent session is refused ({@code session-owned}) and the owner stays connected.</li>
 *   <li><b>Takeover.</b> An open by the owner of a live session closes the old link first
 *       (MQTT 3.1.1 §3.1.4 step 2); with {@code cleanSession=false} on both, the session (subscriptions,
 *       in-flight and queued messages) is resumed and reported as present.</li>
 *   <li><b>Delivery.</b> Subscribers receive QoS 0 or 1 (the lower of the message's and the grant's).
 *       QoS 1 messages are in flight until PUBACK, at most {@value #MAX_INFLIGHT} per session; beyond
 *       that, and while a persistent session is offline, they wait in a queue of at most
 *       {@code maxQueued} (the oldest dropped first). On resumption in-flight messages are sent again
 *       with DUP and their packet ids (§4.4), then the queue.</li>
 *   <li><b>Limit.</b> At most {@code maxConnections} live links; a takeover by the same client does not
 *       count twice, so a device can always replace its own half-open connection.</li>
 *   <li><b>Revocation.</b> {@link #revoke} closes every link of a key and forgets its sessions.</li>
 * </ul>
 */
final class SessionStore {

    static final int MAX_INFLIGHT = 100;

    private final int maxConnections;
    private final int maxQueued;
    private final MqttMetrics metrics;
    private final Map<String, Session> sessions = new HashMap<>();
    private final RetainedMessages retained = new RetainedMessages();
    private int live;

    SessionStore(int maxConnections, int maxQueued, MqttMetrics metrics) {
        this.maxConnections = maxConnections;
        this.maxQueued = maxQueued;
        this.metrics = metrics;
    }

    /**
     * Opens (or resumes) the session of {@code clientId} for a connection of key {@code owner}. On
     * success the link got its CONNACK and anything the session had kept; else the refusal, and
     * nothing changed.
     */
    Optional<ConnectRefusal> open(String clientId, String owner, boolean clean, Link link) {
        Session old = sessions.get(clientId);
        if (old != null && !old.owner.equals(owner)) {
            return Optional.of(ConnectRefusal.SESSION_OWNED);
        }
        boolean takeover = old != null && old.link != null;
        if (live >= maxConnections && !takeover) {
            return Optional.of(ConnectRefusal.LIMIT);
        }
        if (takeover) {
            Link gone = old.link;
            detach(old);
            gone.close();
        }
        boolean present = old != null && !clean && !old.clean;
        Session s = present ? old : new Session(clientId, owner, clean);
        sessions.put(clientId, s);
        s.link = link;
        live++;
        metrics.connected();
        link.accept(present);
        if (present) {
            for (Map.Entry<Integer, Outbound> e : s.inflight.entrySet()) {
                link.send(e.getValue(), MqttQoS.AT_LEAST_ONCE, true, false, e.getKey());
            }
            drain(s);
        }
        return Optional.empty();
    }

    /** The connection of {@code link} is gone; a clean session ends with it. Ignored for a link already taken over. */
    void closed(String clientId, Link link) {
        Session s = sessions.get(clientId);
        if (s == null || s.link != link) {
            return;
        }
        detach(s);
        if (s.clean) {
            sessions.remove(clientId);
        }
    }

    private void detach(Session s) {
        s.link = null;
        live--;
        metrics.disconnected();
        if (s.clean) {
            s.inflight.clear();
            s.queue.clear();
        }
    }

    /** Adds granted subscriptions (filter → QoS, in SUBSCRIBE order) and sends the retained state they match, flagged retain. */
    void subscribe(String clientId, Link link, Map<String, MqttQoS> granted) {
        Session s = live(clientId, link);
        if (s == null) {
            return;
        }
        granted.forEach(s.subscriptions::add);
        for (RetainedMessages.Match m : retained.matching(new ArrayList<>(granted.keySet()))) {
            deliver(s, m.message(), Outbound.min(m.message().qos(), s.subscriptions.granted(m.filter())), true);
        }
    }

    void unsubscribe(String clientId, Link link, List<String> filters) {
        Session s = live(clientId, link);
        if (s != null) {
            s.subscriptions.remove(filters);
        }
    }

    /** A PUBACK from the client: the message is delivered; the queue may move up. */
    void acknowledged(String clientId, Link link, int packetId) {
        Session s = live(clientId, link);
        if (s != null && s.inflight.remove(packetId) != null) {
            drain(s);
        }
    }

    /** Routes one outbound message to every matching session (live or persistent); with {@code retain}, keeps it as the topic's state. */
    void publish(Outbound m, boolean retain) {
        if (retain) {
            retained.retain(m);
        }
        for (Session s : sessions.values()) {
            MqttQoS q = s.subscriptions.qosFor(m.topic());
            if (q != null) {
                deliver(s, m, Outbound.min(q, m.qos()), false);
            }
        }
    }

    /** Closes every connection of key {@code owner} and forgets its sessions; returns how many sessions there were. */
    int revoke(String owner) {
        List<Session> owned = sessions.values().stream().filter(s -> s.owner.equals(owner)).toList();
        for (Session s : owned) {
            sessions.remove(s.clientId);
            if (s.link != null) {
                Link l = s.link;
                detach(s);
                l.close();
            }
        }
        return owned.size();
    }

    /** True if {@code clientId} has a session owned by another key than {@code owner}. */
    boolean ownedByOther(String clientId, String owner) {
        Session s = sessions.get(clientId);
        return s != null && !s.owner.equals(owner);
    }

    int connections() {
        return live;
    }

    int sessions() {
        return sessions.size();
    }

    /** QoS 1 messages kept for a session: in flight plus queued (0 without a session). */
    int pending(String clientId) {
        Session s = sessions.get(clientId);
        return s == null ? 0 : s.inflight.size() + s.queue.size();
    }

    private Session live(String clientId, Link link) {
        Session s = sessions.get(clientId);
        return s != null && s.link == link ? s : null;
    }

    private void deliver(Session s, Outbound m, MqttQoS q, boolean retainFlag) {
        if (q == MqttQoS.AT_MOST_ONCE) {
            if (s.link != null) {
                s.link.send(m, q, false, retainFlag, 0);
            }
            return;
        }
        if (s.link == null || s.inflight.size() >= MAX_INFLIGHT || !s.queue.isEmpty()) {
            enqueue(s, m);
            return;
        }
        int id = s.nextPacketId();
        s.inflight.put(id, m);
        s.link.send(m, q, false, retainFlag, id);
    }

    private void enqueue(Session s, Outbound m) {
        if (maxQueued == 0) {
            return;
        }
        if (s.queue.size() >= maxQueued) {
            s.queue.pollFirst();
        }
        s.queue.addLast(m);
    }

    private void drain(Session s) {
        while (s.link != null && s.inflight.size() < MAX_INFLIGHT && !s.queue.isEmpty()) {
            Outbound m = s.queue.pollFirst();
            int id = s.nextPacketId();
            s.inflight.put(id, m);
            s.link.send(m, MqttQoS.AT_LEAST_ONCE, false, false, id);
        }
    }
}
