package org.hemowatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.List;
import org.hemowatch.domain.TemperatureReading;

/**
 * The write path of {@link ReadingRecords#insertAll}: the duplicate policy of {@link ReadingRecords}, with as
 * few statements as it allows.
 *
 * <ul>
 *   <li>Rows go in <b>multi-row INSERTs</b> of up to {@value #CHUNK} rows (one prepared statement per chunk
 *       size: {@value #CHUNK} and the powers of two below it), not one statement execution per row.</li>
 *   <li>The <b>duplicate probe</b> runs only for a reading whose seq is not above its device's
 *       {@link SeqCeilings ceiling} (on SQLite; on a shared database every reading is probed). Before a
 *       probe, the rows collected so far are inserted, so the probe also sees the earlier readings of
 *       the same list.</li>
 *   <li>A chunk that stores fewer rows than it holds (the unique index refused one: another instance
 *       stored it meanwhile) is rolled back to its savepoint and inserted row by row, to know which.</li>
 * </ul>
 * Writer thread only.
 */
final class ReadingInserts {

    static final int CHUNK = 128;
    private static final int COLUMNS = 10;
    /** The INSERT of 2^k rows at index k. */
    private static final String[] INSERT_SQL = new String[Integer.numberOfTrailingZeros(CHUNK) + 1];

    static {
        for (int k = 0; k < INSERT_SQL.length; k++) {
            INSERT_SQL[k] = insertSql(1 << k);
        }
    }

    private final Tx tx;
    private final List<TemperatureReading> readings;
    private final boolean[] stored;
    private final SeqCeilings ceilings;
    private final int[] pending = new int[CHUNK];
    private final long[] pendingAt = new long[CHUNK];
    private int count;
    /** Some row went to an INSERT. */
    private boolean inserted;

    private ReadingInserts(Tx tx, List<TemperatureReading> readings) {
        this.tx = tx;
        this.readings = readings;
        this.stored = new boolean[readings.size()];
        this.ceilings = tx.dialect() == Dialect.SQLITE ? tx.connectionState(SeqCeilings.class, SeqCeilings::new) : null;
    }

    static boolean[] insertAll(Tx tx, List<TemperatureReading> readings) throws SQLException {
        ReadingInserts run = new ReadingInserts(tx, readings);
        run.all();
        if (run.inserted && tx.dialect() == Dialect.POSTGRESQL) {
            tx.prepared(ReadingRecords.NOTIFY_SQL).execute(); // wakes the site owners' feeds at this commit (folded per transaction)
        }
        return run.stored;
    }

    private void all() throws SQLException {
        long window = ReadingRecords.DEDUP_WINDOW.toMillis();
        for (int i = 0; i < readings.size(); i++) {
            TemperatureReading r = readings.get(i);
            long at = Sql.millis(r.at());
            if (r.seq() >= 0) {
                if (ceilings == null || r.seq() <= ceilings.ceiling(tx, r.site(), r.device())) {
                    flush(); // the probe must see this list's earlier readings
                    if (isDuplicate(r, at, window)) {
                        continue;
                    }
                }
                if (ceilings != null) {
                    ceilings.raise(tx, r.site(), r.device(), r.seq());
                }
            }
            pending[count] = i;
            pendingAt[count++] = at;
            stored[i] = true;
            if (count == CHUNK) {
                flush();
            }
        }
        flush();
    }

    /** Inserts the collected rows in chunks whose sizes are {@value #CHUNK} or a power of two. */
    private void flush() throws SQLException {
        int from = 0;
        while (from < count) {
            int size = Integer.highestOneBit(count - from);
            insertChunk(from, size);
            from += size;
        }
        count = 0;
    }

    private void insertChunk(int from, int size) throws SQLException {
        inserted = true;
        PreparedStatement ps = tx.prepared(INSERT_SQL[Integer.numberOfTrailingZeros(size)]);
        for (int k = 0; k < size; k++) {
            bind(ps, k * COLUMNS, readings.get(pending[from + k]), pendingAt[from + k]);
        }
        Savepoint sp = tx.connection().setSavepoint();
        int n = ps.executeUpdate();
        if (n == size) {
            tx.connection().releaseSavepoint(sp);
            return;
        }
        // the unique index refused some rows: find out which, one at a time
        tx.connection().rollback(sp);
        tx.connection().releaseSavepoint(sp);
        PreparedStatement one = tx.prepared(INSERT_SQL[0]);
        for (int k = from; k < from + size; k++) {
            bind(one, 0, readings.get(pending[k]), pendingAt[k]);
            stored[pending[k]] = one.executeUpdate() != 0;
        }
    }

    static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO readings (").append(ReadingRecords.COLUMNS).append(") VALUES ");
        for (int k = 0; k < rows; k++) {
            sql.append(k == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        // the unique index readings_dedup_day refuses a second reading of a (site, device, seq) in one UTC day
        return sql.append(" ON CONFLICT DO NOTHING").toString();
    }

    private static void bind(PreparedStatement ps, int base, TemperatureReading r, long at) throws SQLException {
        ps.setString(base + 1, r.site());
        ps.setString(base + 2, r.device());
        ps.setLong(base + 3, r.seq() < 0 ? -1 : r.seq());
        ps.setLong(base + 4, at);
        if (Double.isNaN(r.tempC())) {
            ps.setNull(base + 5, Types.DOUBLE);
        } else {
            ps.setDouble(base + 5, r.tempC());
        }
        ps.setString(base + 6, r.probe());
        ps.setString(base + 7, r.door().name());
        ps.setString(base + 8, r.agitator().name());
        Sql.setText(ps, base + 9, r.source());
        ps.setBoolean(base + 10, r.late());
    }

    private boolean isDuplicate(TemperatureReading r, long at, long window) throws SQLException {
        PreparedStatement ps = tx.prepared(ReadingRecords.DUPLICATE_SQL);
        ps.setString(1, r.site());
        ps.setString(2, r.device());
        ps.setLong(3, r.seq());
        ps.setLong(4, (at - window) / ReadingRecords.DAY_MILLIS);
        ps.setLong(5, (at + window) / ReadingRecords.DAY_MILLIS);
        ps.setLong(6, at - window);
        ps.setLong(7, at + window);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}
