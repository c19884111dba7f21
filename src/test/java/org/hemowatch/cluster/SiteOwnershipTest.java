package org.hemowatch.cluster;

import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.WriterListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lease state machine of {@link SiteOwnership} on a real (SQLite) lease table, two owners
 * sharing one writer as two instances share one database, time given by the test.
 */
class SiteOwnershipTest {

    @TempDir
    Path dir;

    private Database db;
    private GroupCommitWriter writer;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private SiteOwnership a;
    private SiteOwnership b;
    private final List<String> takenOverByB = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.sqlite(dir.resolve("h.db")));
        writer = new GroupCommitWriter(db, 16, WriterListener.NONE);
        a = new SiteOwnership(writer, "a", List.of("north", "south"), Duration.ofSeconds(5), Duration.ofSeconds(1), now::get);
        b = new SiteOwnership(writer, "b", List.of("north", "south"), Duration.ofSeconds(5), Duration.ofSeconds(1), now::get);
        b.onTakeover(takenOverByB::add);
    }

    @AfterEach
    void close() throws Exception {
        writer.close();
        db.close();
    }

    private static void round(SiteOwnership o) throws Exception {
        o.renew().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFirstToRenewOwnsEverySiteAndTheOtherOwnsNone() throws Exception {
        round(a);
        round(b);

        assertThat(a.owned()).containsExactly("north", "south");
        assertThat(b.owned()).isEmpty();
        assertThat(b.owns("north")).isFalse();
    }

    @Test
    void anOwnerThatStopsRenewingGivesUpBeforeItsLeaseExpiresAndTheOtherTakesOverAfter() throws Exception {
        round(a);
        round(b);
        // a dies (no more renewals); b keeps trying every second
        now.addAndGet(3_999);
        assertThat(a.owns("north")).as("still within ttl - renewal").isTrue();
        round(b);
        assertThat(b.owned()).as("the stored lease has not expired yet").isEmpty();
        now.addAndGet(1);
        assertThat(a.owns("north")).as("a stops acting one renewal period before its lease expires").isFalse();
        round(b);
        assertThat(b.owned()).isEmpty();

        now.addAndGet(1_001); // the stored lease (start + 5 s) has now expired
        round(b);
        assertThat(b.owned()).containsExactly("north", "south");
        assertThat(takenOverByB).containsExactly("north", "south");
        round(a); // a comes back: it does not get the sites back while b renews
        assertThat(a.owned()).isEmpty();
        assertThat(b.owned()).containsExactly("north", "south");
    }

    @Test
    void aCleanStopReleasesTheLeasesSoTheOtherTakesOverAtItsNextRound() throws Exception {
        round(a);
        a.release().get(10, TimeUnit.SECONDS);

        round(b);

        assertThat(a.owned()).isEmpty();
        assertThat(b.owned()).containsExactly("north", "south");
    }

    @Test
    void aFailedRenewalOwnsNothingNewAndTheLeaseMustOutliveItsRenewals() throws Exception {
        writer.close();
        a.renew().get(10, TimeUnit.SECONDS);
        assertThat(a.owned()).isEmpty();
        assertThatThrownBy(() -> new SiteOwnership(writer, "c", List.of("north"), Duration.ofSeconds(1), Duration.ofSeconds(1), now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
