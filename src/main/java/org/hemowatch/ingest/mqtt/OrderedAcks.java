package org.hemowatch.ingest.mqtt;

import java.util.ArrayDeque;

/**
 * Sends the acknowledgements of one connection in the order the PUBLISH packets arrived
 * (MQTT 3.1.1 §4.6), each only once its message is resolved. A message that could not be stored
 * is resolved as "skip": it gets no acknowledgement and does not hold up the later ones.
 * Not thread-safe: used on the connection's event loop.
 */
final class OrderedAcks {

    private static final class Slot {
        final Runnable onAck;
        Boolean ack; // null = pending, true = ack, false = skip

        Slot(Runnable onAck) {
            this.onAck = onAck;
        }
    }

    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    /** Reserves the place of a message in the acknowledgement order; resolve it with the returned handle. */
    Handle add(Runnable onAck) {
        Slot s = new Slot(onAck);
        slots.addLast(s);
        return ack -> {
            s.ack = ack;
            flush();
        };
    }

    int pending() {
        return slots.size();
    }

    private void flush() {
        while (!slots.isEmpty() && slots.peekFirst().ack != null) {
            Slot s = slots.pollFirst();
            if (s.ack) {
                s.onAck.run();
            }
        }
    }

    @FunctionalInterface
    interface Handle {
        void resolve(boolean ack);
    }
}
