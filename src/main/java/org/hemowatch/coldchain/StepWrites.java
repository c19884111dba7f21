package org.hemowatch.coldchain;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.DeviceMonitor;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.Tx;
import org.hemowatch.store.WriteTask;
import org.hemowatch.units.UnitWrites;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One attempt to store a cold-chain step (the write of {@link StepJournal}), in ONE transaction:
 * the monitor snapshots that differ from the stored ones (taken now, so a retry never writes an
 * older state over a newer one), their open excursions, the step's closed excursions (final) and
 * the quarantine of the units in a device whose excursion the step started (units already
 * quarantined are skipped, so a retry after a partial outcome cannot fail on them).
 * Only sites this instance evaluates are written (several instances: the owner's, see {@link OwnedSites}).
 * Called on the service's context; remembers what was stored there.
 */
final class StepWrites {

    private final ColdChainStore store;
    private final GroupCommitWriter writer;
    private final UnitWrites writes;
    private final Inventory inventory;
    private final Clock clock;
    private final Supplier<Collection<DeviceMonitor>> monitors;
    private final Predicate<String> evaluated;
    /** Last stored snapshot per device key. */
    private final Map<String, DeviceMonitorState> persisted = new HashMap<>();

    StepWrites(ColdChainStore store, GroupCommitWriter writer, UnitWrites writes, Inventory inventory, Clock clock,
               Supplier<Collection<DeviceMonitor>> monitors, Predicate<String> evaluated) {
        this.store = store;
        this.writer = writer;
        this.writes = writes;
        this.inventory = inventory;
        this.clock = clock;
        this.monitors = monitors;
        this.evaluated = evaluated;
    }

    /** Notes a snapshot as stored (one restored at start). */
    void stored(String deviceKey, DeviceMonitorState s) {
        persisted.put(deviceKey, s);
    }

    /** Writes the step; completes on {@code context} once it committed (or there was nothing to write). */
    Future<Void> attempt(StepJournal.Step step, Context context) {
        Map<String, DeviceMonitorState> changed = new HashMap<>();
        for (DeviceMonitor m : monitors.get()) {
            DeviceMonitorState s = m.snapshot();
            if (!evaluated.test(s.site())) {
                continue; // another instance owns the site: its snapshots are the owner's to write
            }
            String key = DeviceRegistry.key(s.site(), s.device());
            if (persisted.get(key) == null || !persisted.get(key).sameIgnoringTick(s)) {
                changed.put(key, s);
            }
        }
        if (changed.isEmpty() && step.started.isEmpty() && step.ended.isEmpty()) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        // encoded here, on the context: the writer thread is shared by every write of the service
        List<Excursion> excursions = new ArrayList<>();
        changed.values().stream().map(DeviceMonitorState::excursion).filter(Objects::nonNull).forEach(excursions::add);
        excursions.addAll(step.ended);
        ColdChainStore.StepWrite documents = store.encode(changed, excursions);
        // a site lost since the step: its new owner's replay starts the same excursion and quarantines
        List<ColdChainEvent.ExcursionStarted> quarantines = step.started.stream().filter(x -> evaluated.test(x.site())).toList();
        // the other instances' views (and their unit rules: quarantine on arrival) follow an excursion's start and end
        java.util.Set<String> moved = new java.util.TreeSet<>();
        quarantines.forEach(x -> moved.add(DeviceRegistry.key(x.site(), x.device())));
        step.ended.stream().filter(x -> evaluated.test(x.site())).forEach(x -> moved.add(DeviceRegistry.key(x.site(), x.device())));
        WriteTask<Void> write = tx -> {
            documents.writeIn(tx, now);
            for (ColdChainEvent.ExcursionStarted started : quarantines) {
                quarantineUnitsIn(tx, started, now);
            }
            for (String key : moved) {
                store.excursionChanged(tx, key);
            }
            return null;
        };
        // state only (no excursion started or ended): it may wait a moment to share the next commit of readings
        boolean stateOnly = step.started.isEmpty() && step.ended.isEmpty() && step.events.isEmpty();
        return Future.<Void>fromCompletionStage(stateOnly ? writer.submitLingering(write) : writer.submit(write), context)
                .onSuccess(v -> persisted.putAll(changed));
    }

    /** Writer thread: quarantines every available (or received) unit located in the device. */
    private void quarantineUnitsIn(Tx tx, ColdChainEvent.ExcursionStarted s, Instant now) throws Exception {
        String reason = "temperature excursion " + s.excursionId() + ": " + s.reason();
        for (BloodUnit committed : inventory.at(s.site(), s.device())) {
            BloodUnit u = writes.view().unit(committed.key());
            if (u == null || !s.device().equals(u.location())
                    || (u.status() != UnitStatus.AVAILABLE && u.status() != UnitStatus.RECEIVED)) {
                continue;
            }
            writes.applyIn(tx, new UnitCommand(UnitAction.QUARANTINE, u.key(), null, u.site(), null, null, "system",
                    "coldchain:" + s.device(), reason, now));
        }
    }
}
