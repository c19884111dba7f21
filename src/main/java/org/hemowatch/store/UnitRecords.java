package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;

/**
 * Current state of units ({@code units}) and their append-only history ({@code unit_events}).
 * Instants are stored with millisecond precision.
 */
public final class UnitRecords {
    private UnitRecords() {
    }

    private static final String UPSERT = """
            INSERT INTO units (din, product_code, division, component, abo, rhd, expires, site, location,
                               destination, status, status_reason, updated, version,
                               intended_use, recipient, out_of_storage_since, crossed_over, collected)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (din, product_code, division) DO UPDATE SET
                component = excluded.component, abo = excluded.abo, rhd = excluded.rhd,
                expires = excluded.expires, site = excluded.site, location = excluded.location,
                destination = excluded.destination, status = excluded.status,
                status_reason = excluded.status_reason, updated = excluded.updated, version = excluded.version,
                intended_use = excluded.intended_use, recipient = excluded.recipient,
                out_of_storage_since = excluded.out_of_storage_since, crossed_over = excluded.crossed_over,
                collected = excluded.collected
            """;

    private static final String INSERT_EVENT = """
            INSERT INTO unit_events (din, product_code, division, action, from_status, to_status, at, site,
                                     location, destination, actor, source, reason, key_id, key_name, recipient)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String EVENT_COLUMNS = "din, product_code, division, action, from_status, to_status, at, "
            + "site, location, destination, actor, source, reason, key_id, key_name, recipient";

    private static final String INSERT_NEW = """
            INSERT INTO units (din, product_code, division, component, abo, rhd, expires, site, location,
                               destination, status, status_reason, updated, version,
                               intended_use, recipient, out_of_storage_since, crossed_over, collected)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (din, product_code, division) DO NOTHING
            """;

    private static final String UPDATE_IF_VERSION = """
            UPDATE units SET component = ?, abo = ?, rhd = ?, expires = ?, site = ?, location = ?,
                             destination = ?, status = ?, status_reason = ?, updated = ?, version = ?,
                             intended_use = ?, recipient = ?, out_of_storage_since = ?, crossed_over = ?, collected = ?
            WHERE din = ? AND product_code = ? AND division = ? AND version = ?
            """;

    /**
     * Inserts or replaces the current state of {@code u}, whatever is stored: for loading fixtures and
     * bulk data only. The unit write path uses {@link #write}, which never overwrites a newer row.
     */
    public static void save(Tx tx, BloodUnit u) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(UPSERT)) {
            UnitRows.bind(ps, u);
            ps.executeUpdate();
        }
    }

    /**
     * Compare-and-set write of a unit's new state: inserted only if no row exists when
     * {@code expectedVersion} is null, else updated only if the stored version is still
     * {@code expectedVersion}. Returns false, changing nothing, when another writer (this or another
     * instance) got there first: the caller must refuse with {@code concurrent-change}.
     */
    public static boolean write(Tx tx, BloodUnit u, Long expectedVersion) throws SQLException {
        UnitKey k = u.key();
        if (expectedVersion == null) {
            PreparedStatement ps = tx.prepared(INSERT_NEW);
            UnitRows.bind(ps, u);
            return ps.executeUpdate() == 1;
        }
        PreparedStatement ps = tx.prepared(UPDATE_IF_VERSION);
        UnitRows.bindState(ps, u, 1);
        ps.setString(17, k.din());
        ps.setString(18, k.productCode());
        ps.setString(19, k.division());
        ps.setLong(20, expectedVersion);
        return ps.executeUpdate() == 1;
    }

    private static final String FIND = "SELECT * FROM units WHERE din = ? AND product_code = ? AND division = ?";
    /** The stored state of one unit, or null. */
    public static BloodUnit find(Connection c, UnitKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            return find(ps, key);
        }
    }

    /** The stored state of one unit, or null, in a write task (sees the task's own writes; the writer's kept statement). */
    public static BloodUnit find(Tx tx, UnitKey key) throws SQLException {
        return find(tx.prepared(FIND), key);
    }

    private static BloodUnit find(PreparedStatement ps, UnitKey key) throws SQLException {
        ps.setString(1, key.din());
        ps.setString(2, key.productCode());
        ps.setString(3, key.division());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? UnitRows.unit(rs) : null;
        }
    }

    /** Every stored product of one donation, by key. */
    public static List<BloodUnit> findByDin(Connection c, String din) throws SQLException {
        List<BloodUnit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM units WHERE din = ? ORDER BY product_code, division")) {
            ps.setString(1, din);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(UnitRows.unit(rs));
                }
            }
        }
        return out;
    }

    /** Appends events to the history, in list order. */
    public static void append(Tx tx, List<UnitEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        PreparedStatement ps = tx.prepared(INSERT_EVENT);
        for (UnitEvent e : events) {
            ps.setString(1, e.key().din());
            ps.setString(2, e.key().productCode());
            ps.setString(3, e.key().division());
            ps.setString(4, e.action().name());
            Sql.setText(ps, 5, Sql.name(e.from()));
            ps.setString(6, e.to().name());
            ps.setLong(7, Sql.millis(e.at()));
            Sql.setText(ps, 8, e.site());
            Sql.setText(ps, 9, e.location());
            Sql.setText(ps, 10, e.destination());
            Sql.setText(ps, 11, e.actor());
            Sql.setText(ps, 12, e.source());
            Sql.setText(ps, 13, e.reason());
            Sql.setText(ps, 14, e.keyId());
            Sql.setText(ps, 15, e.keyName());
            Sql.setText(ps, 16, e.recipient());
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** Every unit, including final ones, ordered by key. */
    public static List<BloodUnit> loadAll(Connection c) throws SQLException {
        List<BloodUnit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM units ORDER BY din, product_code, division");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(UnitRows.unit(rs));
            }
        }
        return out;
    }

    /** All events of every product of one donation, oldest first (by time, then insertion order). */
    public static List<UnitEvent> history(Connection c, String din) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + EVENT_COLUMNS + " FROM unit_events WHERE din = ? ORDER BY at, id")) {
            ps.setString(1, din);
            return events(ps);
        }
    }

    /** Every event whose reason starts with {@code prefix} (e.g. the quarantines of one excursion), oldest first. */
    public static List<UnitEvent> eventsWithReason(Connection c, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS
                + " FROM unit_events WHERE substr(reason, 1, ?) = ? ORDER BY at, id")) {
            ps.setInt(1, prefix.length());
            ps.setString(2, prefix);
            return events(ps);
        }
    }

    /**
     * Events at or after {@code since}, oldest first; only those of {@code action} unless it is null.
     * Used to rebuild demand history (e.g. issues per day) on start.
     */
    public static List<UnitEvent> eventsSince(Connection c, Instant since, UnitAction action) throws SQLException {
        String sql = "SELECT " + EVENT_COLUMNS + " FROM unit_events WHERE at >= ?"
                + (action == null ? "" : " AND action = ?") + " ORDER BY at, id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, Sql.millis(since));
            if (action != null) {
                ps.setString(2, action.name());
            }
            return events(ps);
        }
    }

    /**
     * The events of one unit after its first {@code skip} (a unit's version counts its events, so
     * {@code skip} = a view's version gives the events that view has not seen), in insertion order.
     */
    public static List<UnitEvent> eventsAfter(Connection c, UnitKey key, long skip) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS
                + " FROM unit_events WHERE din = ? AND product_code = ? AND division = ? ORDER BY id LIMIT ? OFFSET ?")) {
            ps.setString(1, key.din());
            ps.setString(2, key.productCode());
            ps.setString(3, key.division());
            ps.setInt(4, Integer.MAX_VALUE); // SQLite has no OFFSET without LIMIT
            ps.setLong(5, Math.max(0, skip));
            return events(ps);
        }
    }

    private static List<UnitEvent> events(PreparedStatement ps) throws SQLException {
        List<UnitEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(UnitRows.event(rs));
            }
        }
        return out;
    }
}
