package org.hemowatch.units;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's view stages what a batch decided; the inventory, which every reader sees, holds committed units only. */
class WriterViewTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final UnitKey KEY = new UnitKey("A999921123456", "E0398", "00");
    private static final UnitKey OTHER = new UnitKey("A999921123456", "E0400", "00");

    private final Inventory inventory = new Inventory(NOW);
    private final WriterView view = new WriterView(inventory);

    private static UnitCommand cmd(UnitAction action, UnitKey key, String location) {
        return new UnitCommand(action, key, new UnitCommand.LabelFacts(ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG),
                NOW.plus(Duration.ofDays(10))), "main", location, null, "tech-1", "api", null, NOW);
    }

    private BloodUnit stage(UnitAction action, UnitKey key, String location) {
        return ((Decision.Accepted) view.decideAndStage(cmd(action, key, location))).unit();
    }

    @Test
    void aStagedDecisionIsSeenByTheWriterAndByNoReaderUntilPublished() {
        BloodUnit received = stage(UnitAction.RECEIVE, KEY, "receiving");

        assertThat(view.unit(KEY)).isEqualTo(received);
        assertThat(view.keysOf(KEY.din())).containsExactly(KEY);
        assertThat(inventory.get(KEY)).isNull();
        assertThat(inventory.byDin(KEY.din())).isEmpty();

        view.publish(received);

        assertThat(inventory.get(KEY)).isEqualTo(received);
        assertThat(view.stagedOnly(KEY)).isNull();
        assertThat(view.unit(KEY)).isEqualTo(received);
    }

    @Test
    void aLaterCommandOfTheBatchDecidesAgainstTheStagedStateAndKeepsItsStagingWhenTheEarlierOneIsPublished() {
        BloodUnit received = stage(UnitAction.RECEIVE, KEY, "receiving");
        BloodUnit stored = stage(UnitAction.STORE, KEY, "fridge-1");

        assertThat(stored.status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(stored.version()).isGreaterThan(received.version());

        view.publish(received);

        assertThat(inventory.get(KEY)).isEqualTo(received);
        assertThat(view.stagedOnly(KEY)).isEqualTo(stored);
        assertThat(view.unit(KEY)).isEqualTo(stored);
    }

    @Test
    void aRolledBackStagingIsRestoredToWhatWasStagedBefore() {
        BloodUnit received = stage(UnitAction.RECEIVE, KEY, "receiving");
        stage(UnitAction.STORE, KEY, "fridge-1");

        view.restoreStaged(KEY, received);
        assertThat(view.unit(KEY)).isEqualTo(received);

        view.restoreStaged(KEY, null);
        assertThat(view.unit(KEY)).isNull();
        assertThat(view.keysOf(KEY.din())).isEmpty();
    }

    @Test
    void theKeysOfADonationJoinCommittedAndStagedProductsOnce() {
        BloodUnit first = stage(UnitAction.RECEIVE, KEY, "receiving");
        view.publish(first);
        stage(UnitAction.STORE, KEY, "fridge-1");
        stage(UnitAction.RECEIVE, OTHER, "receiving");

        assertThat(view.keysOf(KEY.din())).containsExactlyInAnyOrder(KEY, OTHER);
        assertThat(inventory.byDin(KEY.din())).extracting(BloodUnit::key).containsExactly(KEY);
    }
}
