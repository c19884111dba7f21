package org.hemowatch.auth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells whoever holds something open for a principal (MQTT connections and sessions, SSE streams)
 * that the principal was revoked, so they close it at once. Published after the revocation committed,
 * on the committing thread: a subscriber must hand over (e.g. {@code context.runOnContext}) and never block.
 * Any principal store (API keys, later personal users) publishes here with the principal's {@link Principal#id()}.
 */
public final class RevocationBus {

    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

    /** Subscribes; the returned handle unsubscribes. */
    public Runnable subscribe(Consumer<String> onRevoked) {
        subscribers.add(onRevoked);
        return () -> subscribers.remove(onRevoked);
    }

    /** Announces that the principal with this id may no longer act. */
    public void revoked(String principalId) {
        for (Consumer<String> s : subscribers) {
            try {
                s.accept(principalId);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(RevocationBus.class).warn("a revocation subscriber failed", e);
            }
        }
    }
}
