package org.hemowatch.domain.alert;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Gives ids to new alerts. {@link AlertBook} skips an id that is already taken. */
@FunctionalInterface
public interface IdSource {

    String next();

    /** Random UUIDs. */
    static IdSource uuid() {
        return () -> UUID.randomUUID().toString();
    }

    /** {@code prefix-000001}, {@code prefix-000002}, ... (deterministic, for tests and single-writer stores). */
    static IdSource sequential(String prefix) {
        AtomicLong n = new AtomicLong();
        return () -> String.format("%s-%06d", prefix, n.incrementAndGet());
    }
}
