package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The generic {@code documents} table: small JSON current-state documents keyed by
 * (collection, id), e.g. open alerts, device monitor snapshots, par levels, device profiles.
 * The store does not parse the JSON.
 */
public final class DocumentRecords {
    private DocumentRecords() {
    }

    /** Inserts or replaces a document. */
    public static void put(Tx tx, String collection, String id, String json, Instant updated) throws SQLException {
        PreparedStatement ps = tx.prepared("""
                INSERT INTO documents (collection, id, json, updated) VALUES (?, ?, ?, ?)
                ON CONFLICT (collection, id) DO UPDATE SET json = excluded.json, updated = excluded.updated
                """);
        ps.setString(1, collection);
        ps.setString(2, id);
        ps.setString(3, json);
        ps.setLong(4, Sql.millis(updated));
        ps.executeUpdate();
    }

    /**
     * One document as stored with its version (migration V4) and live key (V5_2_1): the unique
     * identity it holds within its collection while it is live (an unresolved alert's kind/site/subject), or null.
     */
    public record Versioned(String id, String json, long version, String liveKey) {
    }

    /**
     * Inserts a new document at {@code version} unless its id, or its live key in the collection, is taken:
     * {@code INSERT ... ON CONFLICT DO NOTHING}, so two instances creating the same live document store one.
     *
     * @param liveKey null when the document claims no unique identity
     * @return false (nothing written) when the id or the live key was taken
     */
    public static boolean insert(Tx tx, String collection, String id, String json, Instant updated, long version, String liveKey)
            throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("""
                INSERT INTO documents (collection, id, json, updated, version, live_key) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """)) {
            ps.setString(1, collection);
            ps.setString(2, id);
            ps.setString(3, json);
            ps.setLong(4, Sql.millis(updated));
            ps.setLong(5, version);
            ps.setString(6, liveKey);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Compare-and-set: replaces the document only while it is still at {@code expected}
     * ({@code UPDATE ... WHERE version = ?}); the stored version becomes {@code next}.
     *
     * @return false (nothing written) when it changed since, or is gone
     */
    public static boolean replace(Tx tx, String collection, String id, String json, Instant updated, long expected, long next,
                                  String liveKey) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("""
                UPDATE documents SET json = ?, updated = ?, version = ?, live_key = ?
                WHERE collection = ? AND id = ? AND version = ?
                """)) {
            ps.setString(1, json);
            ps.setLong(2, Sql.millis(updated));
            ps.setLong(3, next);
            ps.setString(4, liveKey);
            ps.setString(5, collection);
            ps.setString(6, id);
            ps.setLong(7, expected);
            return ps.executeUpdate() == 1;
        }
    }

    /** One document with its version, by id. */
    public static Optional<Versioned> versioned(Connection c, String collection, String id) throws SQLException {
        return one(c, "SELECT id, json, version, live_key FROM documents WHERE collection = ? AND id = ?", collection, id);
    }

    /** Every document of a collection with its version, ordered by id. */
    public static java.util.List<Versioned> allVersioned(Connection c, String collection) throws SQLException {
        java.util.List<Versioned> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, json, version, live_key FROM documents WHERE collection = ? ORDER BY id")) {
            ps.setString(1, collection);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Versioned(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** The document holding a live key, if any. */
    public static Optional<Versioned> byLiveKey(Connection c, String collection, String liveKey) throws SQLException {
        return one(c, "SELECT id, json, version, live_key FROM documents WHERE collection = ? AND live_key = ?", collection, liveKey);
    }

    private static Optional<Versioned> one(Connection c, String sql, String collection, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, collection);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Versioned(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /** Deletes a document; false when it did not exist. */
    public static boolean delete(Tx tx, String collection, String id) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "DELETE FROM documents WHERE collection = ? AND id = ?")) {
            ps.setString(1, collection);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    public static Optional<String> get(Connection c, String collection, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT json FROM documents WHERE collection = ? AND id = ?")) {
            ps.setString(1, collection);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Every document of a collection as id → JSON, ordered by id. */
    public static Map<String, String> all(Connection c, String collection) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, json FROM documents WHERE collection = ? ORDER BY id")) {
            ps.setString(1, collection);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /**
     * The documents of a collection whose id starts with {@code prefix}, as id → JSON ordered by id
     * (e.g. one device's excursions, whose ids start with the device key). The prefix is compared
     * exactly (no LIKE wildcards, no collation), so any character may appear in it.
     */
    public static Map<String, String> withIdPrefix(Connection c, String collection, String prefix) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, json FROM documents WHERE collection = ? AND substr(id, 1, ?) = ? ORDER BY id")) {
            ps.setString(1, collection);
            ps.setInt(2, prefix.length());
            ps.setString(3, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
