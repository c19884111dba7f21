package org.hemowatch.coldchain;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OwnedSitesTest {

    private final Set<String> leases = new HashSet<>();
    private final OwnedSites<String> sites = OwnedSites.leased(leases::contains);

    @Test
    void oneInstanceEvaluatesEverySiteWithoutARebuild() {
        OwnedSites<String> every = OwnedSites.every();
        assertThat(every.evaluates("main")).isTrue();
        assertThat(every.rebuilds()).isFalse();
        assertThat(every.hold("main", "r1")).isFalse();
    }

    @Test
    void aSiteNotOwnedIsNeitherEvaluatedNorHeld() {
        assertThat(sites.evaluates("main")).isFalse();
        assertThat(sites.hold("main", "r1")).isFalse();
    }

    @Test
    void aGainedSiteHoldsItsInputsUntilTheRebuildThenHandsThemBackInOrderAndGoesLive() {
        leases.add("main");
        int g = sites.adopt("main");
        assertThat(sites.evaluates("main")).isFalse();
        assertThat(sites.hold("main", "r1")).isTrue();
        assertThat(sites.hold("main", "r2")).isTrue();
        assertThat(sites.rebuilt("main", g)).containsExactly("r1", "r2");
        assertThat(sites.evaluates("main")).isTrue();
        assertThat(sites.hold("main", "r3")).as("live: evaluated, not held").isFalse();
    }

    @Test
    void anOlderRebuildFinishingAfterANewerOneStartedChangesNothingButTheHeldInputsStay() {
        leases.add("main");
        int first = sites.adopt("main");
        sites.hold("main", "r1");
        int second = sites.adopt("main"); // the first read failed and is tried again
        assertThat(sites.rebuilt("main", first)).isNull();
        assertThat(sites.state("main")).isEqualTo(OwnedSites.State.REBUILDING);
        sites.hold("main", "r2");
        assertThat(sites.rebuilt("main", second)).containsExactly("r1", "r2");
    }

    @Test
    void aLeaseThatRanOutStopsTheEvaluationAtTheNextInputAndDropsWhatWasHeld() {
        leases.add("main");
        int g = sites.adopt("main");
        sites.hold("main", "r1");
        leases.remove("main");
        assertThat(sites.rebuilt("main", g)).as("lost during the rebuild").isNull();
        assertThat(sites.state("main")).isEqualTo(OwnedSites.State.NOT_OWNED);

        leases.add("main");
        int again = sites.adopt("main");
        assertThat(sites.rebuilt("main", again)).as("nothing held from before").isEmpty();
        assertThat(sites.evaluates("main")).isTrue();
        leases.remove("main");
        assertThat(sites.evaluates("main")).isFalse();
        leases.add("main");
        assertThat(sites.evaluates("main")).as("a lease regained needs a new rebuild").isFalse();
    }
}
