package org.hemowatch.app;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Inventory;
import org.hemowatch.store.Database;
import org.hemowatch.store.Dialect;
import org.hemowatch.store.OpenUnits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The start-up load of the inventory, before anything can read it (so a ready service never answers
 * from a half-loaded one): the open units only, read with {@link OpenUnits} (in SQLite in rowid ranges
 * on parallel connections), then indexed by {@link Inventory#loadAll}. Blocking: a worker thread.
 */
final class InventoryLoad {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryLoad.class);

    private InventoryLoad() {
    }

    /** Rowid ranges the SQLite start-up read is split into, each read and decoded on its own connection and thread. */
    private static final int LOAD_PARTS = 2;

    /**
     * Only the live state: units not in a final state; the writer and the donation view read final ones
     * from the store. Read in parallel ranges (SQLite), then indexed in one pass per order; both times logged.
     */
    static void openUnits(Database db, Inventory inventory, Clock clock) {
        Instant at = clock.instant();
        long t0 = System.nanoTime();
        List<BloodUnit> units = new ArrayList<>();
        if (db.dialect() == Dialect.SQLITE) {
            long max = db.read(OpenUnits::maxRowid);
            List<CompletableFuture<List<BloodUnit>>> parts = new ArrayList<>();
            ExecutorService readers = Executors.newFixedThreadPool(LOAD_PARTS, r -> {
                Thread t = new Thread(r, "hemowatch-load");
                t.setDaemon(true);
                return t;
            });
            try {
                for (int p = 0; p < LOAD_PARTS; p++) {
                    long from = max * p / LOAD_PARTS;
                    long to = p == LOAD_PARTS - 1 ? Long.MAX_VALUE : max * (p + 1) / LOAD_PARTS;
                    parts.add(CompletableFuture.supplyAsync(() -> db.read(c -> OpenUnits.read(c, from, to, inventory::shared)), readers));
                }
                parts.forEach(f -> units.addAll(f.join()));
            } finally {
                readers.shutdown();
            }
        } else {
            units.addAll(db.read(c -> OpenUnits.read(c, inventory::shared)));
        }
        long t1 = System.nanoTime();
        inventory.loadAll(units);
        inventory.loadedOpenUnits(at);
        LOG.info("{} open units read in {} ms, indexed in {} ms", units.size(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    }
}
