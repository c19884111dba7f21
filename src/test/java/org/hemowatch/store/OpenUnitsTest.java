package org.hemowatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.store.StoreFixtures.T0;
import static org.hemowatch.store.StoreFixtures.at;
import static org.hemowatch.store.StoreFixtures.issued;
import static org.hemowatch.store.StoreFixtures.received;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up read of the open units gives back each unit exactly as stored, and no final one. */
class OpenUnitsTest {

    @TempDir
    Path dir;
    private Database db;
    private GroupCommitWriter writer;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.sqlite(dir.resolve("hemowatch.db")));
        writer = new GroupCommitWriter(db, 64, WriterListener.NONE);
    }

    @AfterEach
    void close() {
        writer.close();
        db.close();
    }

    private List<BloodUnit> store() throws Exception {
        BloodUnit plain = received("=W000025000001");
        BloodUnit f = received("=W000025000002");
        BloodUnit full = new BloodUnit(f.key(), f.component(), f.group(), f.expires(), f.site(), "fridge-1", null,
                UnitStatus.AVAILABLE, "checked", at(7), 3, IntendedUse.DIRECTED_CROSSOVER, "MRN 4711", at(5), true,
                T0.minus(Duration.ofDays(3)));
        BloodUnit o = received("=W000025000003");
        // free text and codes that hold the packing separator are read the ordinary way, unchanged
        BloodUnit odd = new BloodUnit(o.key(), o.component(), o.group(), o.expires(), "site\u001fb", "bench\u001f2", "ward|\u001f",
                UnitStatus.QUARANTINED, "held: \u001f | 'x'", at(9), 2, IntendedUse.UNSPECIFIED, "a\u001fb", null, false, null);
        BloodUnit transfused = new BloodUnit(received("=W000025000004").key(), o.component(), o.group(), o.expires(), "site-a",
                null, "ward-7", UnitStatus.TRANSFUSED, null, at(11), 4);
        BloodUnit discarded = new BloodUnit(received("=W000025000005").key(), o.component(), o.group(), o.expires(), "site-a",
                null, null, UnitStatus.DISCARDED, "broken bag", at(12), 2);
        BloodUnit out = issued(received("=W000025000006"), at(13));
        List<BloodUnit> all = List.of(plain, full, odd, transfused, discarded, out);
        writer.submit(tx -> {
            for (BloodUnit u : all) {
                UnitRecords.save(tx, u);
            }
            return null;
        }).get();
        return List.of(plain, full, odd, out);
    }

    @Test
    void everyOpenUnitComesBackEqualToWhatWasStoredAndNoFinalOne() throws Exception {
        List<BloodUnit> open = store();

        List<BloodUnit> read = db.read((Connection c) -> OpenUnits.read(c));
        assertThat(read).containsExactlyInAnyOrderElementsOf(open);
        for (BloodUnit u : read) {
            assertThat(u).isEqualTo(db.read((Connection c) -> UnitRecords.find(c, u.key())));
        }
    }

    @Test
    void rowidRangesSplitTheReadWithoutLosingOrRepeatingAUnit() throws Exception {
        List<BloodUnit> open = store();
        long max = db.read((Connection c) -> OpenUnits.maxRowid(c));
        assertThat(max).isEqualTo(6);

        for (long split = 0; split <= max; split++) {
            long s = split;
            Map<String, String> shared = new HashMap<>();
            UnaryOperator<String> codes = t -> t == null ? null : shared.computeIfAbsent(t, x -> x);
            List<BloodUnit> parts = new ArrayList<>(db.read((Connection c) -> OpenUnits.read(c, 0, s, codes)));
            parts.addAll(db.read((Connection c) -> OpenUnits.read(c, s, Long.MAX_VALUE, codes)));
            assertThat(parts).as("split at %d", split).containsExactlyInAnyOrderElementsOf(open);
            for (BloodUnit u : parts) {
                if (u.site().indexOf('\u001f') >= 0) {
                    continue; // read the ordinary way: the inventory shares its codes when it takes it
                }
                assertThat(u.site()).as("codes are the shared instances").isSameAs(shared.get(u.site()));
                assertThat(u.key().productCode()).isSameAs(shared.get(u.key().productCode()));
            }
        }
    }
}
