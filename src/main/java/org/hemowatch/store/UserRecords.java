package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code users} table; the username is the primary key. */
public final class UserRecords {
    private UserRecords() {
    }

    public static void insert(Tx tx, UserRecord u) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "INSERT INTO users (username, role, site, password_hash, created, password_set) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, u.username());
            ps.setString(2, u.role());
            Sql.setText(ps, 3, u.site());
            ps.setString(4, u.passwordHash());
            ps.setLong(5, Sql.millis(u.created()));
            ps.setLong(6, Sql.millis(u.passwordSet()));
            ps.executeUpdate();
        }
    }

    /** Sets a new password hash; false when there is no such user. */
    public static boolean setPassword(Tx tx, String username, String hash, Instant at) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "UPDATE users SET password_hash = ?, password_set = ? WHERE username = ?")) {
            ps.setString(1, hash);
            ps.setLong(2, Sql.millis(at));
            ps.setString(3, username);
            return ps.executeUpdate() > 0;
        }
    }

    /** Deletes a user; false when there is no such user. */
    public static boolean delete(Tx tx, String username) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM users WHERE username = ?")) {
            ps.setString(1, username);
            return ps.executeUpdate() > 0;
        }
    }

    public static Optional<UserRecord> find(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT username, role, site, password_hash, created, password_set FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    public static List<UserRecord> loadAll(Connection c) throws SQLException {
        List<UserRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT username, role, site, password_hash, created, password_set FROM users ORDER BY username");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static UserRecord row(ResultSet rs) throws SQLException {
        return new UserRecord(rs.getString("username"), rs.getString("role"), rs.getString("site"),
                rs.getString("password_hash"), Sql.getInstant(rs, "created"), Sql.getInstant(rs, "password_set"));
    }
}
