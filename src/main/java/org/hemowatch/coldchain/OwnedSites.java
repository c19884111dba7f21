package org.hemowatch.coldchain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which sites' cold-chain engine runs on this instance, per site. A single instance (SQLite) runs
 * every site ({@link #every()}); instances sharing PostgreSQL run the sites whose lease they hold
 * ({@link #leased}), each only after rebuilding its devices from the database. Pure and
 * single-threaded (the cold-chain context); the lease is asked at every input, so a lease that ran
 * out stops the evaluation at once even before anyone is told.
 *
 * <pre>
 *   NOT_OWNED --adopt (lease gained)--&gt; REBUILDING --rebuilt, same generation--&gt; LIVE
 *   REBUILDING: inputs are held, and replayed in order when it goes LIVE
 *   LIVE or REBUILDING --lease no longer held (at the next input)--&gt; NOT_OWNED (held inputs dropped)
 *   REBUILDING --adopt again--&gt; REBUILDING with a new generation (the older rebuild is discarded)
 * </pre>
 *
 * @param <I> an input (a reading, a status report)
 */
final class OwnedSites<I> {

    enum State { NOT_OWNED, REBUILDING, LIVE }

    private final Predicate<String> lease;
    private final boolean everySite;
    private final Map<String, State> states = new HashMap<>();
    private final Map<String, Integer> generations = new HashMap<>();
    private final Map<String, List<I>> held = new HashMap<>();

    private OwnedSites(Predicate<String> lease, boolean everySite) {
        this.lease = lease;
        this.everySite = everySite;
    }

    /** One instance: every site is LIVE, always. */
    static <I> OwnedSites<I> every() {
        return new OwnedSites<>(site -> true, true);
    }

    /** Sites taken by their lease, each LIVE only after its rebuild. */
    static <I> OwnedSites<I> leased(Predicate<String> lease) {
        return new OwnedSites<>(lease, false);
    }

    /** True for sites that are only evaluated after a rebuild (several instances). */
    boolean rebuilds() {
        return !everySite;
    }

    State state(String site) {
        if (everySite) {
            return State.LIVE;
        }
        State s = states.getOrDefault(site, State.NOT_OWNED);
        if (s != State.NOT_OWNED && !lease.test(site)) {
            states.put(site, State.NOT_OWNED);
            held.remove(site);
            return State.NOT_OWNED;
        }
        return s;
    }

    /** True when this instance evaluates the site's inputs now. */
    boolean evaluates(String site) {
        return state(site) == State.LIVE;
    }

    /** Holds the input when the site is being rebuilt; false (not held) otherwise. */
    boolean hold(String site, I input) {
        if (state(site) != State.REBUILDING) {
            return false;
        }
        held.computeIfAbsent(site, s -> new ArrayList<>()).add(input);
        return true;
    }

    /** The lease of the site was gained: REBUILDING from now on; returns the rebuild's generation. */
    int adopt(String site) {
        int g = generations.merge(site, 1, Integer::sum);
        if (state(site) != State.REBUILDING) {
            held.remove(site); // a rebuild tried again keeps what it held: those inputs came after it began
        }
        states.put(site, State.REBUILDING);
        return g;
    }

    /**
     * The rebuild of {@code generation} finished: the site goes LIVE and the inputs held meanwhile are
     * returned, in arrival order, to be evaluated now. Null when the rebuild is stale (a newer one
     * started, or the lease was lost meanwhile): then nothing changes.
     */
    List<I> rebuilt(String site, int generation) {
        if (generations.getOrDefault(site, 0) != generation || state(site) != State.REBUILDING) {
            return null;
        }
        states.put(site, State.LIVE);
        List<I> out = held.remove(site);
        return out == null ? List.of() : out;
    }
}
