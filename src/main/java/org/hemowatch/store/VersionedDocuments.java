package org.hemowatch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One collection of {@link DocumentRecords} written compare-and-set by an instance that keeps a view of
 * it (par levels, device profiles), among several instances sharing the database.
 *
 * <p>Contract:
 * <ul>
 *   <li>every read through this class remembers the version it read, per id; a write is stored
 *       only over the version this instance last read or wrote ({@code UPDATE ... WHERE version = ?}),
 *       a document it never saw only when the id is free ({@code INSERT ... ON CONFLICT DO NOTHING});</li>
 *   <li>{@link #write} returns false when another instance changed (or created) the document since:
 *       the caller refuses with {@code concurrent-change} and throws, so its transaction applies nothing;
 *       reading the document again (following the change log) makes a retry possible;</li>
 *   <li>the remembered version moves on only when the write commits.</li>
 * </ul>
 * Thread-safe.
 */
public final class VersionedDocuments {

    private final String collection;
    private final Map<String, Long> known = new ConcurrentHashMap<>();

    public VersionedDocuments(String collection) {
        this.collection = Objects.requireNonNull(collection, "collection");
    }

    public String collection() {
        return collection;
    }

    /** Every document of the collection, id → JSON, remembering their versions. */
    public Map<String, String> all(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (DocumentRecords.Versioned d : DocumentRecords.allVersioned(c, collection)) {
            remember(d);
            out.put(d.id(), d.json());
        }
        return out;
    }

    /** One document's JSON, remembering its version. */
    public Optional<String> get(Connection c, String id) throws SQLException {
        Optional<DocumentRecords.Versioned> d = DocumentRecords.versioned(c, collection, id);
        d.ifPresent(this::remember);
        return d.map(DocumentRecords.Versioned::json);
    }

    /** Stores over the version last seen (see the contract); false, with nothing written, when it changed since. */
    public boolean write(Tx tx, String id, String json, Instant at) throws SQLException {
        Long seen = known.get(id);
        long next = seen == null ? 1 : seen + 1;
        boolean written = seen == null
                ? DocumentRecords.insert(tx, collection, id, json, at, next, null)
                : DocumentRecords.replace(tx, collection, id, json, at, seen, next, null);
        if (written) {
            tx.afterCommit(() -> known.merge(id, next, Math::max));
        }
        return written;
    }

    /** Stores a document only if no instance stored one under the id yet; false (nothing written) otherwise. */
    public boolean add(Tx tx, String id, String json, Instant at) throws SQLException {
        boolean written = DocumentRecords.insert(tx, collection, id, json, at, 1, null);
        if (written) {
            tx.afterCommit(() -> known.merge(id, 1L, Math::max));
        }
        return written;
    }

    private void remember(DocumentRecords.Versioned d) {
        known.merge(d.id(), d.version(), Math::max); // stored versions only grow
    }
}
