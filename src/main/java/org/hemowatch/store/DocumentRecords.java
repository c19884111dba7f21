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
