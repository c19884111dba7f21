package org.hemowatch.bench;

import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Adds stored readings to a SQLite data directory for benchmarks, fast: the store's own schema (the
 * database is opened, hence migrated, by {@link Database#open} first), then multi-row INSERTs of
 * {@value #ROWS_PER_INSERT} rows in transactions of {@value #ROWS_PER_TX}, on a connection of its own
 * with {@code synchronous=OFF} (benchmark data: a crash while generating means generating again).
 * The service must not be running on the directory.
 * <p>
 * Readings belong to {@value #DEVICES} fridges of site {@code main}, one per device per step, in time
 * order over the {@value #DAYS} days before {@code now} (inside the default 400-day retention, so the
 * start's background purge finds nothing to delete and the count stays what was generated). Reading
 * number {@code n} of the whole set always has the same device, seq and time for a given total, so
 * adding more means continuing the sequence (readings are numbered from the stored count on).
 */
final class BulkReadings {

    static final int DEVICES = 100;
    static final int DAYS = 300;
    private static final int ROWS_PER_INSERT = 500;
    private static final int ROWS_PER_TX = 500_000;
    private static final String COLUMNS = "site, device, seq, at, temp_c, probe, door, agitator, source, late";

    private BulkReadings() {
    }

    static String url(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("hemowatch.db");
    }

    /** Readings stored now (the largest id: the table is only appended to here, and the purge finds nothing). */
    static long count(Path dataDir) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(dataDir)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM readings")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Units stored that are not final (what a start loads). */
    static long openUnits(Path dataDir) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(dataDir)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM units WHERE status NOT IN ('TRANSFUSED', 'DISCARDED')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Adds readings until {@code total} are stored, spread so that {@code total} readings cover {@link #DAYS} days
     * before {@code now}; prints progress. Returns the rows per second of the insert.
     */
    static double fill(Path dataDir, long total, Instant now) throws SQLException {
        Database.open(DatabaseConfig.sqlite(dataDir.resolve("hemowatch.db"))).close(); // the schema, migrated as the service has it
        long from = count(dataDir);
        if (from >= total) {
            return 0;
        }
        long perDevice = Math.max(1, total / DEVICES);
        long stepMillis = Math.max(1, Duration.ofDays(DAYS).toMillis() / perDevice);
        long first = now.toEpochMilli() - Duration.ofDays(DAYS).toMillis();
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url(dataDir))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=OFF");
                s.execute("PRAGMA cache_size=-262144"); // 256 MB of page cache: the four indexes stay in memory
            }
            c.setAutoCommit(false);
            StringBuilder sql = new StringBuilder("INSERT INTO readings (" + COLUMNS + ") VALUES ");
            for (int i = 0; i < ROWS_PER_INSERT; i++) {
                sql.append(i == 0 ? "" : ", ").append("('main', ?, ?, ?, ?, 'air', 'CLOSED', 'UNKNOWN', 'bench', 0)");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                long n = from;
                while (n + ROWS_PER_INSERT <= total) {
                    int p = 1;
                    for (int i = 0; i < ROWS_PER_INSERT; i++, n++) {
                        long step = n / DEVICES;
                        ps.setString(p++, "fridge-" + (n % DEVICES));
                        ps.setLong(p++, step);
                        ps.setLong(p++, first + step * stepMillis);
                        ps.setDouble(p++, 4.0 + (step % 7) * 0.1);
                    }
                    ps.executeUpdate();
                    if (n % ROWS_PER_TX == 0) {
                        c.commit();
                    }
                    if (n % 5_000_000 == 0) {
                        System.out.printf("  %,d readings stored (%.0f rows/s)%n", n, (n - from) / ((System.nanoTime() - t0) / 1e9));
                    }
                }
            }
            c.commit();
        }
        return (total / ROWS_PER_INSERT * ROWS_PER_INSERT - from) / ((System.nanoTime() - t0) / 1e9);
    }
}
