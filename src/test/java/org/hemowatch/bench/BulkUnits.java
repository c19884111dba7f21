package org.hemowatch.bench;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.units.UnitWrites;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads units for benchmarks through the service's one unit write path ({@link UnitWrites}):
 * each unit is RECEIVEd and STOREd in a fridge, decided by the lifecycle and the storage rules,
 * written with its two events and committed by the group-commit writer, like a scan but without
 * HTTP. Units {@code from..to} get DINs, groups, components and expiries from their number, so a
 * later call adds to the same stock. About 1 in 20 stays RECEIVED.
 */
final class BulkUnits {

    static final String[] GROUPS = {"O+", "O+", "O+", "A+", "A+", "A+", "B+", "O-", "A-", "AB+", "B-", "AB-"};
    private static final int BATCH = 500;
    private static final int IN_FLIGHT = 8;

    private BulkUnits() {
    }

    /** The DIN of unit {@code i} (13 characters: facility A9999, a year from 30 on, a 6-digit number). */
    static String din(long i) {
        return String.format("A9999%02d%06d", 30 + i / 1_000_000, i % 1_000_000);
    }

    /** Commits units {@code from} (inclusive) to {@code to} (exclusive); returns how many were accepted. */
    static long load(UnitWrites writes, String site, Clock clock, long from, long to) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (long start = from; start < to; start += BATCH) {
            Instant now = clock.instant();
            List<UnitCommand> batch = new ArrayList<>(2 * BATCH);
            for (long i = start; i < Math.min(to, start + BATCH); i++) {
                batch.addAll(commands(i, site, now));
            }
            inFlight.acquire();
            CompletableFuture<List<Decision>> f = writes.applyAll(batch).whenComplete((ds, e) -> {
                inFlight.release();
                if (ds != null) {
                    for (Decision d : ds) {
                        (d instanceof Decision.Accepted ? accepted : refused).incrementAndGet();
                    }
                }
            });
            pending.add(f);
            if (pending.size() > 64) {
                pending.remove(0).get(5, TimeUnit.MINUTES);
            }
        }
        for (CompletableFuture<?> f : pending) {
            f.get(5, TimeUnit.MINUTES);
        }
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " bulk commands were refused");
        }
        return accepted.get();
    }

    private static List<UnitCommand> commands(long i, String site, Instant now) {
        ComponentClass c = switch ((int) (i % 10)) {
            case 0, 1 -> ComponentClass.PLATELETS;
            case 2, 3 -> ComponentClass.PLASMA;
            default -> ComponentClass.RED_CELLS;
        };
        String g = GROUPS[(int) ((i / 10) % GROUPS.length)];
        BloodGroup group = new BloodGroup(g.startsWith("AB") ? Abo.AB : Abo.valueOf(g.substring(0, 1)), g.endsWith("+") ? RhD.POS : RhD.NEG);
        long hours = switch (c) {
            case PLATELETS -> 6 + (i * 7919) % (5 * 24);
            case PLASMA -> 24 + (i * 7919) % (365 * 24);
            default -> 6 + (i * 7919) % (42 * 24);
        };
        String product = switch (c) {
            case PLATELETS -> "E7953";
            case PLASMA -> "E2555";
            default -> "E0398";
        };
        UnitKey key = new UnitKey(din(i), product, "00");
        String fridge = (c == ComponentClass.PLATELETS ? "agitator-" : "fridge-") + (1 + i % 8);
        UnitCommand.LabelFacts label = new UnitCommand.LabelFacts(c, group, now.plus(Duration.ofHours(hours)));
        UnitCommand receive = new UnitCommand(UnitAction.RECEIVE, key, label, site, "receiving", null, "bench", "bench:bulk", null, now);
        if (i % 20 == 19) {
            return List.of(receive);
        }
        return List.of(receive, new UnitCommand(UnitAction.STORE, key, label, site, fridge, null, "bench", "bench:bulk", null, now));
    }
}
