package org.hemowatch.cluster;

import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.SiteLeaseRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One owner per site for its timers and rules (alert evaluation, reminders and escalation, the
 * expiry sweep), among the instances sharing one database: a lease row per site
 * ({@link SiteLeaseRecords}), renewed every {@code renewEvery} and valid for {@code ttl}.
 *
 * <pre>
 *   NOT_OWNER --acquire succeeded--> OWNER --renewal succeeded--> OWNER
 *       ^                              |
 *       +-- renewal refused, failed, or not renewed within ttl - margin --+
 * </pre>
 *
 * <p>Safety: this instance stops acting as owner at (start of its last successful renewal + ttl −
 * renewEvery), before the stored lease expires at (that start + ttl), so two instances never both
 * believe they own a site, as long as their clocks agree within {@code renewEvery} (NTP). Liveness:
 * an owner that dies is replaced at the next renewal round after its lease expired, i.e. within
 * {@code ttl + renewEvery}; a clean stop releases its leases so another takes over at its next round.
 * Time is a parameter ({@code wallMillis}), so the state machine is tested without waiting.
 */
public final class SiteOwnership {

    private static final Logger LOG = LoggerFactory.getLogger(SiteOwnership.class);

    private final GroupCommitWriter writer;
    private final String owner;
    private final List<String> sites;
    private final Duration ttl;
    private final Duration renewEvery;
    private final LongSupplier wallMillis;
    /** site → local time until which this instance acts as its owner. */
    private final Map<String, Long> ownedUntil = new ConcurrentHashMap<>();
    private final List<Consumer<String>> takeovers = new CopyOnWriteArrayList<>();

    public SiteOwnership(GroupCommitWriter writer, String owner, List<String> sites, Duration ttl, Duration renewEvery,
                         LongSupplier wallMillis) {
        if (renewEvery.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("the lease must outlive several renewals: ttl " + ttl + ", renewal every " + renewEvery);
        }
        this.writer = writer;
        this.owner = owner;
        this.sites = List.copyOf(sites);
        this.ttl = ttl;
        this.renewEvery = renewEvery;
        this.wallMillis = wallMillis;
    }

    /** Called with the site when this instance becomes its owner (on the writer thread: hand over, never block). */
    public void onTakeover(Consumer<String> listener) {
        takeovers.add(listener);
    }

    /** True while this instance owns {@code site}'s timers and rules. */
    public boolean owns(String site) {
        Long until = ownedUntil.get(site);
        return until != null && wallMillis.getAsLong() < until;
    }

    /** The sites this instance owns now, sorted. */
    public Set<String> owned() {
        Set<String> out = new TreeSet<>();
        sites.stream().filter(this::owns).forEach(out::add);
        return out;
    }

    /** This instance's id in the lease rows. */
    public String owner() {
        return owner;
    }

    /** One renewal round for every site; the timer calls it every {@code renewEvery}. Completes when stored. */
    public CompletableFuture<Void> renew() {
        long start = wallMillis.getAsLong();
        return writer.<Void>submit(tx -> {
            Map<String, Boolean> got = new java.util.HashMap<>();
            for (String site : sites) {
                got.put(site, SiteLeaseRecords.acquire(tx, site, owner, start, start + ttl.toMillis()));
            }
            tx.afterCommit(() -> got.forEach((site, mine) -> settle(site, mine, start)));
            return null;
        }).exceptionally(e -> {
            LOG.warn("site leases could not be renewed ({}); owned sites are given up when their lease runs out", e.getMessage());
            return null;
        });
    }

    private void settle(String site, boolean mine, long start) {
        boolean before = owns(site);
        if (mine) {
            ownedUntil.put(site, start + ttl.toMillis() - renewEvery.toMillis());
            if (!before) {
                LOG.info("this instance ({}) now owns the timers and rules of site {}", owner, site);
                takeovers.forEach(l -> l.accept(site));
            }
        } else {
            ownedUntil.remove(site);
            if (before) {
                LOG.warn("this instance ({}) lost the lease of site {} to another instance", owner, site);
            }
        }
    }

    /** Gives every lease up (a clean stop). Completes when stored. */
    public CompletableFuture<Void> release() {
        ownedUntil.clear();
        return writer.<Void>submit(tx -> {
            for (String site : sites) {
                SiteLeaseRecords.release(tx, site, owner);
            }
            return null;
        });
    }
}
