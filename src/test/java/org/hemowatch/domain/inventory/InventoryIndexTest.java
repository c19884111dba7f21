package org.hemowatch.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.supply.DemandHistory;
import org.hemowatch.domain.supply.Pick;
import org.hemowatch.domain.supply.PickList;
import org.hemowatch.domain.supply.StockKey;
import org.hemowatch.domain.supply.SupplyAssessor;
import org.junit.jupiter.api.Test;

/**
 * The inventory's indexes against brute force over the same units: stock counts as units change
 * and the clock moves (forward by minutes or days, and back), keyset pages, pick lists.
 */
class InventoryIndexTest {

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    private static final String[] SITES = {"north", "south"};
    private static final ComponentClass[] COMPONENTS = {ComponentClass.RED_CELLS, ComponentClass.PLATELETS};
    private static final UnitStatus[] STATUSES = {UnitStatus.AVAILABLE, UnitStatus.AVAILABLE, UnitStatus.QUARANTINED,
            UnitStatus.RECEIVED, UnitStatus.ISSUED, UnitStatus.EXPIRED};

    private final Random random = new Random(20261201);
    private int seq;

    @Test
    void stockCountsStayExactAsUnitsChangeAndTimePassesWithoutRescanning() {
        Instant now = T0;
        Inventory inventory = new Inventory(now);
        List<BloodUnit> held = loadRandom(inventory, 400, now);
        for (int step = 0; step < 300; step++) {
            int what = random.nextInt(10);
            if (what < 4) {
                now = now.plus(Duration.ofMinutes(1 + random.nextInt(6 * 60)));
            } else if (what == 4) {
                now = now.plus(Duration.ofHours(20 + random.nextInt(60)));
            } else if (what == 5) {
                now = now.minus(Duration.ofHours(1 + random.nextInt(30)));
            } else {
                int i = random.nextInt(held.size());
                BloodUnit before = held.get(i);
                BloodUnit after = new BloodUnit(before.key(), before.component(), before.group(), before.expires(),
                        SITES[random.nextInt(SITES.length)], "fridge-1", null, STATUSES[random.nextInt(STATUSES.length)], null,
                        now, before.version() + 1);
                inventory.publish(after);
                held.set(i, after);
            }
            if (random.nextInt(3) == 0) {
                inventory.advance(now); // the timer
            }
            assertThat(normalised(inventory.stock().lines(now).counts()))
                    .as("step %d at %s", step, now).isEqualTo(bruteForce(held, now));
        }
    }

    @Test
    void countsStayExactInSmallStepsAndTheVersionMovesOnlyWhenAFigureDoes() {
        Instant now = T0;
        Inventory inventory = new Inventory(now);
        List<BloodUnit> held = loadRandom(inventory, 300, now);
        Map<StockKey, List<Integer>> before = bruteForce(held, now);
        long version = inventory.stock().lines(now).version();
        for (int step = 0; step < 2000; step++) {
            now = now.plusSeconds(1 + random.nextInt(600));
            boolean published = random.nextInt(50) == 0;
            if (published) {
                BloodUnit u = randomUnit(now);
                inventory.publish(u);
                held.add(u);
            }
            StockView.Lines lines = inventory.stock().lines(now);
            Map<StockKey, List<Integer>> expected = bruteForce(held, now);
            assertThat(normalised(lines.counts())).as("step %d at %s", step, now).isEqualTo(expected);
            if (!published && expected.equals(before)) {
                assertThat(lines.version()).as("step %d: nothing changed", step).isEqualTo(version);
            }
            before = expected;
            version = lines.version();
        }
    }

    @Test
    void theVersionGrowsWhenAUnitCrossesABoundAndNotOtherwise() {
        Inventory inventory = new Inventory(T0);
        inventory.load(unit("north", ComponentClass.RED_CELLS, group("O", "NEG"), UnitStatus.AVAILABLE, T0.plus(Duration.ofHours(80))));
        long v = inventory.stock().lines(T0).version();
        assertThat(inventory.stock().lines(T0.plus(Duration.ofHours(1))).version()).as("still beyond 72 h").isEqualTo(v);
        StockView.Lines in72 = inventory.stock().lines(T0.plus(Duration.ofHours(9)));
        assertThat(in72.version()).isGreaterThan(v);
        assertThat(in72.counts().values()).as("available, 24 h, 72 h, near expiry (72 h for red cells)")
                .singleElement().satisfies(c -> assertThat(c).containsExactly(1, 0, 1, 1));
        StockView.Lines expired = inventory.stock().lines(T0.plus(Duration.ofHours(80)));
        assertThat(expired.counts()).as("expired at its expiry instant").isEmpty();
    }

    @Test
    void cursorPagesVisitEveryMatchingUnitOnceInExpiryOrderWhileStockChanges() {
        Inventory inventory = new Inventory(T0);
        List<BloodUnit> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            BloodUnit u = randomUnit(T0);
            inventory.load(u);
            all.add(u);
        }
        Predicate<Bucket.Key> filter = k -> k.site().equals("north") && k.status() != UnitStatus.ISSUED;
        Instant bound = T0.plus(Duration.ofDays(6));
        List<BloodUnit> expected = all.stream()
                .filter(u -> filter.test(Bucket.Key.of(u)) && u.expires().isBefore(bound))
                .sorted(UnitOrder.FEFO).toList();

        List<BloodUnit> seen = new ArrayList<>();
        PageCursor cursor = null;
        while (true) {
            List<BloodUnit> page = UnitIndex.page(inventory.index().select(filter), cursor, bound, 0, 7);
            if (page.isEmpty()) {
                break;
            }
            seen.addAll(page);
            cursor = PageCursor.decode(PageCursor.after(page.get(page.size() - 1)).encode()).orElseThrow();
            // a unit of another site arrives between pages: it must not disturb the walk
            inventory.load(unit("south", ComponentClass.RED_CELLS, group("A", "POS"), UnitStatus.AVAILABLE, T0.plus(Duration.ofDays(1))));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(UnitIndex.count(inventory.index().select(filter)))
                .isEqualTo(all.stream().filter(u -> filter.test(Bucket.Key.of(u))).count());
        assertThat(UnitIndex.page(inventory.index().select(filter), null, null, 10, 5))
                .as("offset").containsExactlyElementsOf(all.stream().filter(u -> filter.test(Bucket.Key.of(u)))
                        .sorted(UnitOrder.FEFO).skip(10).limit(5).toList());
    }

    @Test
    void aCursorThatWasNotWrittenHereIsRefused() {
        assertThat(PageCursor.decode("not a cursor")).isEmpty();
        assertThat(PageCursor.decode("")).isEmpty();
        assertThat(PageCursor.decode(java.util.Base64.getUrlEncoder().encodeToString("x|y|z|w".getBytes()))).isEmpty();
    }

    @Test
    void pickListsFromTheIndexEqualPickListsFromEveryUnit() {
        Instant now = T0;
        Inventory inventory = new Inventory(now);
        List<BloodUnit> all = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            BloodUnit u = randomUnit(now.minus(Duration.ofHours(5))); // some expired but still AVAILABLE
            inventory.load(u);
            all.add(u);
        }
        PickList pickList = new PickList();
        for (Abo abo : Abo.values()) {
            for (RhD rhd : RhD.values()) {
                for (ComponentClass c : COMPONENTS) {
                    BloodGroup recipient = new BloodGroup(abo, rhd);
                    List<Pick> fromAll = pickList.pick(all, "north", c, recipient, 12, now);
                    List<Pick> fromIndex = pickList.pick(g -> inventory.stock().available("north", c, g), "north", c, recipient, 12, now);
                    assertThat(fromIndex).as("%s %s", c, recipient).isEqualTo(fromAll);
                }
            }
        }
    }

    @Test
    void donationsAreKeyRangesAndChangesFromElsewhereApplyOnlyWhenNewer() {
        Inventory inventory = new Inventory(T0);
        BloodUnit a = unit("north", ComponentClass.RED_CELLS, group("O", "POS"), UnitStatus.AVAILABLE, T0.plus(Duration.ofDays(3)));
        BloodUnit longer = new BloodUnit(new UnitKey(a.key().din() + "X", "E0001", "00"), a.component(), a.group(), a.expires(),
                a.site(), null, null, UnitStatus.AVAILABLE, null, T0, 1);
        inventory.load(a);
        inventory.load(longer);
        assertThat(inventory.byDin(a.key().din())).containsExactly(a);

        BloodUnit older = new BloodUnit(a.key(), a.component(), a.group(), a.expires(), a.site(), null, "ward",
                UnitStatus.ISSUED, null, T0, a.version() - 1);
        assertThat(inventory.applyCommitted(older)).isFalse();
        assertThat(inventory.get(a.key()).status()).isEqualTo(UnitStatus.AVAILABLE);
        BloodUnit newer = new BloodUnit(a.key(), a.component(), a.group(), a.expires(), a.site(), null, "ward",
                UnitStatus.ISSUED, null, T0, a.version() + 1);
        long v = inventory.version();
        assertThat(inventory.applyCommitted(newer)).isTrue();
        assertThat(inventory.get(a.key())).isEqualTo(newer);
        assertThat(inventory.version()).isGreaterThan(v);
        assertThat(inventory.stock().lines(T0).of(StockKey.of(a))).as("only the other donation's unit is left in stock")
                .containsExactly(1, 0, 1, 1);
    }

    @Test
    void unitsShareTheirSitesLocationsAndCodes() {
        Inventory inventory = new Inventory(T0);
        for (int i = 0; i < 2; i++) {
            inventory.load(new BloodUnit(new UnitKey("A99992600000" + i, new String("E0398"), new String("00")),
                    ComponentClass.RED_CELLS, new BloodGroup(Abo.A, RhD.POS), T0.plus(Duration.ofDays(2)), new String("north"),
                    new String("fridge-1"), null, UnitStatus.AVAILABLE, null, T0, 1));
        }
        BloodUnit first = inventory.byDin("A999926000000").get(0);
        BloodUnit second = inventory.byDin("A999926000001").get(0);
        assertThat(first.site()).isSameAs(second.site());
        assertThat(first.location()).isSameAs(second.location());
        assertThat(first.key().productCode()).isSameAs(second.key().productCode());
        assertThat(first.group()).isSameAs(second.group());
    }

    @Test
    void aRestrictedUnitKeepsEveryFieldAndStaysOutOfGeneralStockAndPickLists() {
        Inventory inventory = new Inventory(T0);
        BloodUnit directed = new BloodUnit(new UnitKey("A999926000077", "E0398", "00"), ComponentClass.RED_CELLS,
                group("O", "NEG"), T0.plus(Duration.ofDays(2)), "north", "fridge-1", null, UnitStatus.AVAILABLE, null, T0, 2,
                IntendedUse.DIRECTED, "patient-17", T0.minus(Duration.ofMinutes(5)), false);
        inventory.load(directed);
        assertThat(inventory.get(directed.key())).isEqualTo(directed);
        assertThat(inventory.stock().lines(T0).counts()).isEmpty();
        assertThat(inventory.stock().available("north", ComponentClass.RED_CELLS, group("O", "NEG"))).isEmpty();
        assertThat(UnitIndex.page(inventory.index().select(k -> true), null, null, 0, 10)).containsExactly(directed);
    }

    private Map<StockKey, List<Integer>> bruteForce(List<BloodUnit> units, Instant now) {
        Map<StockKey, List<Integer>> out = new HashMap<>();
        new SupplyAssessor().assess(units, List.of(), new DemandHistory(), now).forEach(l -> {
            if (l.available() > 0) {
                out.put(l.key(), List.of(l.available(), l.expiring24h(), l.expiring72h()));
            }
        });
        return out;
    }

    private static Map<StockKey, List<Integer>> normalised(Map<StockKey, int[]> counts) {
        Map<StockKey, List<Integer>> out = new HashMap<>();
        counts.forEach((k, c) -> out.put(k, List.of(c[0], c[1], c[2])));
        return out;
    }

    private List<BloodUnit> loadRandom(Inventory inventory, int n, Instant now) {
        List<BloodUnit> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BloodUnit u = randomUnit(now);
            inventory.load(u);
            held.add(u);
        }
        return held;
    }

    private BloodUnit randomUnit(Instant now) {
        Instant expires = now.plus(Duration.ofMinutes(random.nextInt(10 * 24 * 60)));
        if (random.nextInt(20) == 0) {
            expires = now.plus(Duration.ofHours(24)); // exactly on a bound
        }
        return unit(SITES[random.nextInt(SITES.length)], COMPONENTS[random.nextInt(COMPONENTS.length)],
                new BloodGroup(Abo.values()[random.nextInt(4)], RhD.values()[random.nextInt(2)]),
                STATUSES[random.nextInt(STATUSES.length)], expires);
    }

    private BloodUnit unit(String site, ComponentClass c, BloodGroup g, UnitStatus status, Instant expires) {
        seq++;
        return new BloodUnit(new UnitKey(String.format("A99992600%04d", seq), "E0398", String.format("%02d", seq % 3)),
                c, g, expires, site, "fridge-1", null, status, null, T0, 2);
    }

    private static BloodGroup group(String abo, String rhd) {
        return new BloodGroup(Abo.valueOf(abo), RhD.valueOf(rhd));
    }

}
