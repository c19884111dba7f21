package org.hemowatch.ingest.mqtt;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/** One client's session in the {@link SessionStore} (which owns it: no locking). */
final class Session {

    final String clientId;
    /** The id of the key that created the session: only that key may resume or take it over. */
    final String owner;
    final boolean clean;
    final Subscriptions subscriptions = new Subscriptions();
    /** QoS 1 messages not yet sent: the client is offline or its in-flight window is full. */
    final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    /** QoS 1 messages sent and not yet acknowledged, by packet id, in sending order. */
    final Map<Integer, Outbound> inflight = new LinkedHashMap<>();
    /** The live connection, or null while offline. */
    Link link;
    private int lastPacketId;

    Session(String clientId, String owner, boolean clean) {
        this.clientId = clientId;
        this.owner = owner;
        this.clean = clean;
    }

    /** The next packet id (1-65535) not in flight; the caller ensures fewer than 65535 are. */
    int nextPacketId() {
        do {
            lastPacketId = lastPacketId % 65535 + 1;
        } while (inflight.containsKey(lastPacketId));
        return lastPacketId;
    }
}
