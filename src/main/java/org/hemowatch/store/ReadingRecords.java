package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;

/**
 * Temperature readings ({@code readings}), with duplicate suppression and retention.
 *
 * <p>Duplicate policy: a reading with {@code seq >= 0} is a duplicate when a reading of the same
 * (site, device, seq) is already stored whose time lies less than {@link #DEDUP_WINDOW} (24 h) from
 * its own, either side. Re-deliveries (MQTT QoS 1, serial re-sends, retried HTTP posts) are thus
 * dropped, while a device whose counter restarted after a reboot is not mistaken for a duplicate of
 * day-old readings. {@code seq < 0} means "the transport has no sequence number": never deduplicated.
 * The check is one probe of the unique index (site, device, seq, UTC day) inside the writer transaction, so it also
 * sees readings written earlier in the same batch; {@link #insertAll} also checks the list itself.
 * On SQLite the probe is skipped for a reading whose seq is above every seq its device stored
 * ({@link SeqCeilings}): it cannot be a duplicate.
 * The database enforces the rule too, so it holds across instances sharing one database: a unique
 * index on (site, device, seq, UTC day) with {@code ON CONFLICT DO NOTHING}. Two instances storing
 * the same reading at the same moment store it once (a redelivery carries the device's {@code ts},
 * hence the same day); only two arrival-stamped copies falling either side of midnight UTC, written
 * by two instances in the same instant, escape it.
 *
 * <p>{@code late} (migration V5_3_1) marks a reading older than the maximum age when it arrived.
 * Times are stored with millisecond precision. A {@code NaN} temperature is stored as NULL and
 * read back as {@code NaN}.
 */
public final class ReadingRecords {
    public static final Duration DEDUP_WINDOW = Duration.ofHours(24);

    static final String COLUMNS = "site, device, seq, at, temp_c, probe, door, agitator, source, late";

    private ReadingRecords() {
    }

    /**
     * The duplicate check, answered by the unique index {@code readings_dedup_day} (migration V4): the
     * (site, device, seq) of the reading and the UTC days its window spans (parameters 4 and 5, the day
     * expression exactly as in the index), then the window itself (6 and 7). {@code seq >= 0} lets the
     * partial index serve it.
     */
    static final String DUPLICATE_SQL = "SELECT 1 FROM readings WHERE site = ? AND device = ? AND seq = ? AND seq >= 0"
            + " AND (at / 86400000) BETWEEN ? AND ? AND at > ? AND at < ? LIMIT 1";
    /** The UTC day of the unique index {@code readings_dedup_day}, as the databases compute it (truncating division). */
    static final long DAY_MILLIS = 86_400_000L;

    /** The wake-up of every instance's {@link ReadingFeed}, delivered at the commit of the readings. */
    static final String NOTIFY_SQL = "NOTIFY " + ReadingFeed.CHANNEL;

    /** Stores {@code r}; returns false and stores nothing when it is a duplicate (see class comment). */
    public static boolean insert(Tx tx, TemperatureReading r) throws SQLException {
        return insertAll(tx, List.of(r))[0];
    }

    /**
     * Stores the readings that are not duplicates (see class comment), in order, with one prepared
     * duplicate check and one batched INSERT for the whole list. A reading is also a duplicate of an
     * earlier one in the same list. Returns, per reading, whether it was stored. (How: {@link ReadingInserts}.)
     */
    public static boolean[] insertAll(Tx tx, List<TemperatureReading> readings) throws SQLException {
        return ReadingInserts.insertAll(tx, readings);
    }

    /**
     * Readings of one device (or of every device at the site when {@code device} is null) with
     * {@code from <= at < to}, oldest first, paged by {@code limit} and {@code offset}.
     */
    public static List<TemperatureReading> range(Connection c, String site, String device, Instant from, Instant to,
                                                 int limit, int offset) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM readings WHERE site = ?" + (device == null ? "" : " AND device = ?")
                + " AND at >= ? AND at < ? ORDER BY at, id LIMIT ? OFFSET ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, site);
            if (device != null) {
                ps.setString(i++, device);
            }
            ps.setLong(i++, Sql.millis(from));
            ps.setLong(i++, Sql.millis(to));
            ps.setInt(i++, Math.max(0, limit));
            ps.setInt(i, Math.max(0, offset));
            return readings(ps);
        }
    }

    /** The most recent reading of a device (by measurement time), if any. */
    public static Optional<TemperatureReading> latest(Connection c, String site, String device) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM readings WHERE site = ? AND device = ? ORDER BY at DESC, id DESC LIMIT 1")) {
            ps.setString(1, site);
            ps.setString(2, device);
            return readings(ps).stream().findFirst();
        }
    }

    /** Retention: deletes every reading measured before {@code cutoff}; returns how many. */
    public static int deleteOlderThan(Tx tx, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM readings WHERE at < ?")) {
            ps.setLong(1, Sql.millis(cutoff));
            return ps.executeUpdate();
        }
    }

    /**
     * Retention in slices: deletes at most {@code maxRows} of the oldest readings measured before
     * {@code cutoff}, so one write task never holds the writer for long. Call again while it returns
     * {@code maxRows}.
     */
    public static int deleteOlderThan(Tx tx, Instant cutoff, int maxRows) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "DELETE FROM readings WHERE id IN (SELECT id FROM readings WHERE at < ? ORDER BY at LIMIT ?)")) {
            ps.setLong(1, Sql.millis(cutoff));
            ps.setInt(2, Math.max(0, maxRows));
            return ps.executeUpdate();
        }
    }

    private static List<TemperatureReading> readings(PreparedStatement ps) throws SQLException {
        List<TemperatureReading> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    /** The reading of the current row of a result set selecting {@link #COLUMNS}. */
    static TemperatureReading row(ResultSet rs) throws SQLException {
        double temp = rs.getDouble("temp_c");
        if (rs.wasNull()) {
            temp = Double.NaN;
        }
        return new TemperatureReading(rs.getString("site"), rs.getString("device"), rs.getLong("seq"),
                Sql.getInstant(rs, "at"), temp, rs.getString("probe"),
                DoorState.valueOf(rs.getString("door")), AgitatorState.valueOf(rs.getString("agitator")),
                rs.getString("source"), rs.getBoolean("late"));
    }
}
