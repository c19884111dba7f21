package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code sessions} table, keyed by the hash of the session id. */
public final class SessionRecords {
    private SessionRecords() {
    }

    public static void insert(Tx tx, SessionRecord s) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "INSERT INTO sessions (id_hash, username, csrf, created, last_seen) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, s.idHash());
            ps.setString(2, s.username());
            ps.setString(3, s.csrf());
            ps.setLong(4, Sql.millis(s.created()));
            ps.setLong(5, Sql.millis(s.lastSeen()));
            ps.executeUpdate();
        }
    }

    public static void touch(Tx tx, String idHash, Instant lastSeen) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE sessions SET last_seen = ? WHERE id_hash = ?")) {
            ps.setLong(1, Sql.millis(lastSeen));
            ps.setString(2, idHash);
            ps.executeUpdate();
        }
    }

    public static void delete(Tx tx, String idHash) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM sessions WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            ps.executeUpdate();
        }
    }

    /** Ends every session of a user (password reset, account deleted). */
    public static void deleteForUser(Tx tx, String username) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM sessions WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }

    public static List<SessionRecord> loadAll(Connection c) throws SQLException {
        List<SessionRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id_hash, username, csrf, created, last_seen FROM sessions");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SessionRecord(rs.getString("id_hash"), rs.getString("username"), rs.getString("csrf"),
                        Sql.getInstant(rs, "created"), Sql.getInstant(rs, "last_seen")));
            }
        }
        return out;
    }
}
