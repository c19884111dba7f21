package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hemowatch.domain.UnitKey;

/**
 * The change log ({@code change_log}, migration V4): how several instances sharing one database keep
 * their in-memory views following it.
 *
 * <p>Contract:
 * <ul>
 *   <li>every committed change of a unit, key, device, par level or alert appends one row
 *       (kind, subject, origin instance) <em>in the transaction that made the change</em>, so a row
 *       exists exactly when the change committed;</li>
 *   <li>a row names its subject only; a follower re-reads the subject's current row, so applying a
 *       row twice, late or out of order is harmless (the stored row, and its version, decide);</li>
 *   <li>on PostgreSQL the same transaction sends {@code NOTIFY hemowatch_changes}, delivered at
 *       commit, as the wake-up of {@link ChangeFollower}; polling by id is the truth, so a missed
 *       notification only delays a change until the next poll.</li>
 * </ul>
 */
public final class ChangeLog {

    /** The PostgreSQL notification channel. */
    public static final String CHANNEL = "hemowatch_changes";

    /** What changed; the subject's format is the kind's. */
    public enum Kind {
        /** subject: {@link #subject(UnitKey)} */
        UNIT,
        /** subject: the key id */
        KEY,
        /** subject: the device registry key {@code site/device} */
        DEVICE,
        /** subject: the par level key */
        PAR,
        /** subject: the alert id */
        ALERT,
        /**
         * subject: a device status report as JSON, received by an instance that does not own its site
         * (status reports are not stored elsewhere; the owner's cold chain takes it from here)
         */
        STATUS,
        /** subject: the device registry key; the owner started or ended an excursion of the device (its snapshot changed) */
        MONITOR
    }

    /** One row of the log. */
    public record Change(long id, Instant at, String origin, Kind kind, String subject) {
    }

    private final String origin;

    /** @param origin this instance's id, written on every row so the instance can skip its own changes */
    public ChangeLog(String origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    public String origin() {
        return origin;
    }

    /** Appends a change in {@code tx} (and, on PostgreSQL, the wake-up sent at its commit). */
    public void record(Tx tx, Kind kind, String subject) throws SQLException {
        Connection c = tx.connection();
        PreparedStatement ps = tx.prepared("INSERT INTO change_log (at, origin, kind, subject) VALUES (?, ?, ?, ?)");
        ps.setLong(1, System.currentTimeMillis());
        ps.setString(2, origin);
        ps.setString(3, kind.name());
        ps.setString(4, subject);
        ps.executeUpdate();
        if (tx.dialect() == Dialect.POSTGRESQL) {
            try (Statement st = c.createStatement()) {
                st.execute("NOTIFY " + CHANNEL); // identical notifications of one transaction are folded into one
            }
        }
    }

    /** Rows with {@code id > afterId}, by id, at most {@code limit}. */
    public static List<Change> since(Connection c, long afterId, int limit) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, at, origin, kind, subject FROM change_log WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Kind kind;
                    try {
                        kind = Kind.valueOf(rs.getString("kind"));
                    } catch (IllegalArgumentException newerVersion) {
                        continue; // written by a newer Hemowatch: nothing this one follows
                    }
                    out.add(new Change(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("origin"),
                            kind, rs.getString("subject")));
                }
            }
        }
        return out;
    }

    /** The highest id in the log, or 0 when it is empty. */
    public static long maxId(Connection c) throws SQLException {
        return scalar(c, "SELECT COALESCE(MAX(id), 0) FROM change_log");
    }

    /** The lowest id still in the log, or 0 when it is empty. */
    public static long minId(Connection c) throws SQLException {
        return scalar(c, "SELECT COALESCE(MIN(id), 0) FROM change_log");
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes rows older than {@code before}; a follower that had not read them resynchronises. */
    public static int prune(Tx tx, Instant before) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM change_log WHERE at < ?")) {
            ps.setLong(1, before.toEpochMilli());
            return ps.executeUpdate();
        }
    }

    /** The subject of a unit change. */
    public static String subject(UnitKey key) {
        return key.din() + '|' + key.productCode() + '|' + key.division();
    }

    /** The unit key of a {@link Kind#UNIT} subject. */
    public static UnitKey unitKey(String subject) {
        String[] p = subject.split("\\|", -1);
        if (p.length != 3) {
            throw new IllegalArgumentException("not a unit subject: " + subject);
        }
        return new UnitKey(p[0], p[1], p[2]);
    }
}
