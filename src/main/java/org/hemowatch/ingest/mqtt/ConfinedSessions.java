package org.hemowatch.ingest.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.function.Consumer;
import java.util.function.Function;

/** The {@link SessionStore} on its one context: every use of the store goes through here. */
final class ConfinedSessions {

    private final Context context;
    private final SessionStore store;

    ConfinedSessions(Context context, SessionStore store) {
        this.context = context;
        this.store = store;
    }

    /** Runs {@code op} on the store's context, after everything handed over before it. */
    void run(Consumer<SessionStore> op) {
        context.runOnContext(v -> op.accept(store));
    }

    /** Runs {@code op} on the store's context; the future has its result (or its exception). */
    <T> Future<T> call(Function<SessionStore, T> op) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                p.complete(op.apply(store));
            } catch (RuntimeException e) {
                p.fail(e);
            }
        });
        return p.future();
    }
}
