package org.hemowatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.hemowatch.domain.BloodUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite start-up read split into rowid ranges (the read itself is in {@link StoreContract}, for both dialects). */
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

    @Test
    void rowidRangesSplitTheReadWithoutLosingOrRepeatingAUnit() throws Exception {
        List<BloodUnit> open = StoreFixtures.storeUnitsForTheStartUpRead(writer);
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
