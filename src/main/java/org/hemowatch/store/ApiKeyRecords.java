package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code api_keys} table. {@code key_hash} is unique: inserting a second key with the same hash fails. */
public final class ApiKeyRecords {
    private ApiKeyRecords() {
    }

    public static void insert(Tx tx, ApiKeyRecord k) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "INSERT INTO api_keys (id, name, role, site, key_hash, created, revoked, devices) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, k.id());
            ps.setString(2, k.name());
            ps.setString(3, k.role());
            Sql.setText(ps, 4, k.site());
            ps.setString(5, k.keyHash());
            ps.setLong(6, Sql.millis(k.created()));
            Sql.setInstant(ps, 7, k.revoked());
            Sql.setText(ps, 8, k.devices());
            ps.executeUpdate();
        }
    }

    /** Marks key {@code id} revoked at {@code at}; false when there is no such key or it was already revoked. */
    public static boolean revoke(Tx tx, String id, Instant at) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "UPDATE api_keys SET revoked = ? WHERE id = ? AND revoked IS NULL")) {
            ps.setLong(1, Sql.millis(at));
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** All keys, revoked ones included, oldest first. */
    public static List<ApiKeyRecord> loadAll(Connection c) throws SQLException {
        List<ApiKeyRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, role, site, key_hash, created, revoked, devices FROM api_keys ORDER BY created, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ApiKeyRecord(rs.getString("id"), rs.getString("name"), rs.getString("role"),
                        rs.getString("site"), rs.getString("key_hash"),
                        Sql.getInstant(rs, "created"), Sql.getInstant(rs, "revoked"), rs.getString("devices")));
            }
        }
        return out;
    }
}
