package org.hemowatch.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.hemowatch.domain.TemperatureReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committed stream of readings, for the site owners' cold-chain engines when several instances
 * share one PostgreSQL: whichever instance stored a reading, every instance reads it here, by id,
 * after its COMMIT, on one thread of its own ({@value #THREAD_NAME}); the consumer keeps the readings
 * of the sites it owns.
 *
 * <p>Contract:
 * <ul>
 *   <li>every reading committed after {@link #start()} and not marked {@code late} reaches the
 *       consumer once, in id order within a batch, unless its id stayed invisible for longer than
 *       {@link #GAP_PATIENCE} after a higher id was seen (see {@link IdCursor}: ids are taken at
 *       insert, commits land out of order); readings committed before the start are the consumer's
 *       to load (a site's rebuild reads them from the table);</li>
 *   <li>a reading whose id was taken but not yet committed when the feed started (at most
 *       {@link #START_WINDOW} ids below the highest) is still delivered when it commits;</li>
 *   <li>batches hold at most {@link #PAGE} readings; the next batch is read only once the consumer
 *       completed the previous one (or {@link #HANDOVER_TIMEOUT} passed), so a slow consumer slows
 *       the feed down instead of filling memory; no event loop ever waits for the feed;</li>
 *   <li>wake-up: the writer sends {@code NOTIFY} {@value #CHANNEL} in each transaction that stored
 *       readings; the feed also polls every {@code interval} (a lost notification delays, never loses).</li>
 * </ul>
 */
public final class ReadingFeed implements AutoCloseable {

    public static final String CHANNEL = "hemowatch_readings";
    public static final String THREAD_NAME = "hemowatch-reading-feed";
    static final Duration GAP_PATIENCE = Duration.ofSeconds(15);
    static final int PAGE = 1000;
    static final int START_WINDOW = 10_000;
    static final int MAX_GAPS = 50_000;
    static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ReadingFeed.class);

    private final Database db;
    private final Duration interval;
    private volatile Function<List<TemperatureReading>, CompletionStage<?>> consumer = batch -> null;
    private IdCursor cursor; // feed thread only after start
    private ListenSession wakeUp;
    private volatile boolean running;
    private volatile long lastPollMillis;
    private volatile Thread thread;

    public ReadingFeed(Database db, Duration interval) {
        this.db = Objects.requireNonNull(db, "db");
        this.interval = interval;
    }

    /** Sets the consumer (before {@link #start()}); its stage completes when the batch was taken in. */
    public void onReadings(Function<List<TemperatureReading>, CompletionStage<?>> consumer) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** Starts following from the newest committed reading (blocking: reads the position first). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        long now = System.currentTimeMillis();
        cursor = db.read(c -> startingCursor(c, now));
        wakeUp = new ListenSession(db, CHANNEL);
        running = true;
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /** When the feed last read the table successfully (epoch ms; 0 = never). */
    public long lastPollMillis() {
        return lastPollMillis;
    }

    private static IdCursor startingCursor(Connection c, long now) throws SQLException {
        long high = scalar(c, "SELECT COALESCE(MAX(id), 0) FROM readings");
        IdCursor cursor = new IdCursor(high, GAP_PATIENCE, MAX_GAPS);
        boolean[] present = new boolean[START_WINDOW];
        long low = Math.max(0, high - START_WINDOW);
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM readings WHERE id > ? AND id <= ?")) {
            ps.setLong(1, low);
            ps.setLong(2, high);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present[(int) (rs.getLong(1) - low - 1)] = true;
                }
            }
        }
        for (long id = low + 1; id <= high; id++) {
            if (!present[(int) (id - low - 1)]) {
                cursor.missing(id, now); // in flight at the start, or never to come: patience decides
            }
        }
        return cursor;
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
                lastPollMillis = System.currentTimeMillis();
            } catch (RuntimeException e) {
                LOG.warn("cannot read the committed readings; the cold chain of owned sites waits until it can: {}", e.getMessage());
            }
            if (!wakeUp.await(interval.toMillis())) {
                running = false;
            }
        }
        wakeUp.close();
    }

    /** Reads and hands over everything new: gaps first, then ids above the highest seen. */
    void pollOnce() {
        long now = System.currentTimeMillis();
        int forgotten = cursor.expire(now);
        if (forgotten > 0) {
            LOG.debug("{} reading ids never became visible (rolled back or refused as duplicates)", forgotten);
        }
        long[] gaps = cursor.gaps();
        for (int i = 0; i < gaps.length && running; i += PAGE) {
            long[] slice = java.util.Arrays.copyOfRange(gaps, i, Math.min(gaps.length, i + PAGE));
            hand(db.read(c -> byIds(c, slice)), now);
        }
        while (running) {
            long after = cursor.high();
            List<Row> page = db.read(c -> after(c, after));
            hand(page, now);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private void hand(List<Row> rows, long now) {
        List<TemperatureReading> fresh = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (cursor.accept(r.id(), now) && !r.reading().late()) {
                fresh.add(r.reading());
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        try {
            CompletionStage<?> taken = consumer.apply(fresh);
            if (taken != null) {
                taken.toCompletableFuture().get(HANDOVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (TimeoutException e) {
            LOG.warn("the cold chain took more than {} s to take {} readings in; the feed goes on", HANDOVER_TIMEOUT.toSeconds(), fresh.size());
        } catch (Exception e) {
            LOG.warn("the cold chain could not take {} committed readings in", fresh.size(), e);
        }
    }

    /** One committed reading and its id. */
    record Row(long id, TemperatureReading reading) {
    }

    private static final String SELECT = "SELECT id, " + ReadingRecords.COLUMNS + " FROM readings ";

    static List<Row> after(Connection c, long afterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id > ? ORDER BY id LIMIT " + PAGE)) {
            ps.setLong(1, afterId);
            return rows(ps);
        }
    }

    static List<Row> byIds(Connection c, long[] ids) throws SQLException {
        Long[] boxed = java.util.Arrays.stream(ids).boxed().toArray(Long[]::new);
        Array array = c.createArrayOf("bigint", boxed);
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id = ANY(?) ORDER BY id")) {
            ps.setArray(1, array);
            return rows(ps);
        } finally {
            array.free();
        }
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong("id"), ReadingRecords.row(rs)));
            }
        }
        return out;
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        running = false;
        ListenSession.stop(thread);
    }
}
