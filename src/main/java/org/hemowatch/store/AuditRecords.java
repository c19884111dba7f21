package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The append-only {@code audit_log} table. */
public final class AuditRecords {
    private AuditRecords() {
    }

    public static void append(Tx tx, AuditEntry e) throws SQLException {
        PreparedStatement ps = tx.prepared("INSERT INTO audit_log (at, actor, action, subject, detail, actor_id, site) VALUES (?, ?, ?, ?, ?, ?, ?)");
        ps.setLong(1, Sql.millis(e.at()));
        ps.setString(2, e.actor());
        ps.setString(3, e.action());
        Sql.setText(ps, 4, e.subject());
        Sql.setText(ps, 5, e.detailJson());
        Sql.setText(ps, 6, e.actorId());
        Sql.setText(ps, 7, e.site());
        ps.executeUpdate();
    }

    /** The entries about one subject (e.g. a unit key), oldest first. */
    public static List<AuditEntry> about(Connection c, String subject) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT at, actor, action, subject, detail, actor_id, site FROM audit_log WHERE subject = ? ORDER BY id")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    private static AuditEntry row(ResultSet rs) throws SQLException {
        return new AuditEntry(Sql.getInstant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                rs.getString("subject"), rs.getString("detail"), rs.getString("actor_id"), rs.getString("site"));
    }

    /** The newest {@code limit} entries, newest first (in the order they were written). */
    public static List<AuditEntry> list(Connection c, int limit) throws SQLException {
        return list(c, limit, null);
    }

    /**
     * The newest {@code limit} entries of one site (only entries recorded with that site), newest first;
     * every entry when {@code site} is null.
     */
    public static List<AuditEntry> list(Connection c, int limit, String site) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT at, actor, action, subject, detail, actor_id, site FROM audit_log"
                        + (site == null ? "" : " WHERE site = ?") + " ORDER BY id DESC LIMIT ?")) {
            int i = 1;
            if (site != null) {
                ps.setString(i++, site);
            }
            ps.setInt(i, Math.max(0, limit));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }
}
