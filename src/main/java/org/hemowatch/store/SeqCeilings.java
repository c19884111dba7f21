package org.hemowatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The highest seq stored per (site, device), or an upper bound of it, kept with the writer's SQLite
 * connection, so that the duplicate probe of {@link ReadingRecords} is skipped for the usual reading: one
 * whose seq is above every seq its device ever stored cannot be a duplicate of anything.
 *
 * <p>Contract: {@link #ceiling} is never below the highest seq of a stored reading of that device. That
 * holds because this writer is the only one (the SQLite file lock keeps other processes out), the first
 * look-up of a device reads {@code MAX(seq)} from the database, and every reading this writer inserts
 * raises the ceiling before its statement runs; a rolled-back insert or a retention purge leaves it
 * higher than needed, which only costs a probe. Not for a database shared by several instances (another
 * instance's readings would not raise it): {@link ReadingRecords} uses it on SQLite only. Writer thread only.
 */
final class SeqCeilings {

    /** Answered from the end of the device's range in the unique index {@code readings_dedup_day}. */
    static final String MAX_SQL = "SELECT MAX(seq) FROM readings WHERE site = ? AND device = ? AND seq >= 0";

    private final Map<String, Map<String, long[]>> bySite = new HashMap<>();

    /** The ceiling of the device, read from the database on its first look-up ({@code -1}: nothing stored). */
    long ceiling(Tx tx, String site, String device) throws SQLException {
        long[] c = slot(tx, site, device);
        return c[0];
    }

    /** Raises the device's ceiling to {@code seq} (called before a reading with that seq is inserted). */
    void raise(Tx tx, String site, String device, long seq) throws SQLException {
        long[] c = slot(tx, site, device);
        if (seq > c[0]) {
            c[0] = seq;
        }
    }

    private long[] slot(Tx tx, String site, String device) throws SQLException {
        Map<String, long[]> devices = bySite.computeIfAbsent(site, s -> new HashMap<>());
        long[] c = devices.get(device);
        if (c == null) {
            c = new long[] {stored(tx, site, device)};
            devices.put(device, c);
        }
        return c;
    }

    private static long stored(Tx tx, String site, String device) throws SQLException {
        PreparedStatement ps = tx.prepared(MAX_SQL);
        ps.setString(1, site);
        ps.setString(2, device);
        try (ResultSet rs = ps.executeQuery()) {
            long max = rs.next() ? rs.getLong(1) : -1;
            return rs.wasNull() ? -1 : max;
        }
    }
}
