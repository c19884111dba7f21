package org.hemowatch.ingest.mqtt;

import java.util.ArrayDeque;

/**
 * The one acknowledgement policy of both MQTT modes, for the messages arriving on one connection
 * (a device's connection to the embedded endpoint, or the bridge's session at an external broker).
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Order.</b> Acknowledgements (PUBACK, or PUBREC for QoS 2) go out in the order the PUBLISH
 *       packets arrived (MQTT 3.1.1 §4.6, MQTT 5 §4.6), each only once its message is settled.</li>
 *   <li><b>Settled</b> means committed (duplicates included: stored already) or refused with a rule
 *       (published on the errors topic): both are acknowledged, so they are not redelivered forever.</li>
 *   <li><b>Store failure.</b> A message the store could not commit is never acknowledged. When it
 *       reaches the head of the order, the acknowledgements before it have gone out, nothing after it
 *       is acknowledged, and the connection is dropped once ({@code onStoreFailure}). MQTT has no
 *       negative acknowledgement and resends unacknowledged PUBLISHes only on reconnect (§4.4), so
 *       dropping the connection is what makes a persistent-session sender (or the broker) deliver it
 *       again; what was committed meanwhile comes back as duplicates, absorbed by the store's seq
 *       de-duplication.</li>
 *   <li>QoS 0 messages take no place in the order.</li>
 * </ul>
 * Not thread-safe: used on the connection's event loop.
 *
 * <pre>
 *  add ──► [pending] ──settle(true)──► [ack] ──at head──► onAck.run()
 *              └──────settle(false)──► [failed] ──at head──► onStoreFailure.run(), everything after dropped
 * </pre>
 */
final class OrderedAcks {

    private static final class Slot implements Handle {
        final OrderedAcks owner;
        final Runnable onAck;
        Boolean stored; // null = pending

        Slot(OrderedAcks owner, Runnable onAck) {
            this.owner = owner;
            this.onAck = onAck;
        }

        @Override
        public void settle(boolean committedOrRefused) {
            if (stored == null) {
                stored = committedOrRefused;
                owner.flush();
            }
        }
    }

    private static final Handle GONE = ok -> { };

    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private final Runnable onStoreFailure;
    private boolean failed;

    /** @param onStoreFailure drops the connection (called at most once) */
    OrderedAcks(Runnable onStoreFailure) {
        this.onStoreFailure = onStoreFailure;
    }

    /** Reserves the place of a message in the acknowledgement order; settle it with the returned handle. */
    Handle add(Runnable onAck) {
        if (failed) {
            return GONE;
        }
        Slot s = new Slot(this, onAck);
        slots.addLast(s);
        return s;
    }

    /** Messages waiting for their settlement or for an earlier one. */
    int pending() {
        return slots.size();
    }

    /** True once a store failure dropped the connection. */
    boolean failed() {
        return failed;
    }

    private void flush() {
        while (!failed && !slots.isEmpty() && slots.peekFirst().stored != null) {
            Slot s = slots.pollFirst();
            if (s.stored) {
                s.onAck.run();
            } else {
                failed = true;
                slots.clear();
                onStoreFailure.run();
            }
        }
    }

    /** One message's place in the order. */
    @FunctionalInterface
    interface Handle {
        /** @param committedOrRefused true: acknowledge in turn; false: the store failed (see the contract) */
        void settle(boolean committedOrRefused);
    }
}
