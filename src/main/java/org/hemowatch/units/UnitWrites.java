package org.hemowatch.units;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.Tx;
import org.hemowatch.store.UnitRecords;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one place where unit commands meet the store: each command is decided against the
 * writer's view of the {@link Inventory} inside a group-commit batch, written with its events,
 * and made visible (to queries and to {@link #onCommitted listeners}) only after COMMIT.
 */
public final class UnitWrites {

    private final GroupCommitWriter writer;
    private final Inventory inventory;
    private final List<Consumer<Committed>> listeners = new CopyOnWriteArrayList<>();
    private final List<UnitRule> rules = new CopyOnWriteArrayList<>();

    public UnitWrites(GroupCommitWriter writer, Inventory inventory) {
        this.writer = writer;
        this.inventory = inventory;
    }

    /** Units and events that were committed together for one command. */
    public record Committed(List<BloodUnit> units, List<UnitEvent> events) {
    }

    /**
     * Registers a listener for committed changes. It runs on the writer thread right after the
     * commit, so it must only hand the change over (e.g. to a Vert.x context), never block.
     */
    public void onCommitted(Consumer<Committed> listener) {
        listeners.add(listener);
    }

    /** Adds a rule that reviews every accepted decision before it is written (see {@link UnitRule}). */
    public void addRule(UnitRule rule) {
        rules.add(rule);
    }

    /** Decides and, if accepted, durably applies one command. The future completes after COMMIT. */
    public CompletableFuture<Decision> apply(UnitCommand command) {
        return apply(inv -> command);
    }

    /**
     * Like {@link #apply(UnitCommand)}, but builds the command on the writer thread from the
     * writer's view of the inventory (e.g. to resolve a DIN-only scan to its one product).
     * The builder may throw {@link IngestException} to refuse.
     */
    public CompletableFuture<Decision> apply(Function<Inventory, UnitCommand> builder) {
        return writer.submit(tx -> decideAndWrite(tx, builder.apply(inventory)));
    }

    /** Applies several commands as one write (all in the same transaction); refusals are returned, not thrown. */
    public CompletableFuture<List<Decision>> applyAll(List<UnitCommand> commands) {
        return writer.submit(tx -> {
            List<Decision> out = new ArrayList<>(commands.size());
            for (UnitCommand c : commands) {
                out.add(decideAndWrite(tx, c));
            }
            return out;
        });
    }

    /**
     * Like {@link #applyAll(List)}, but builds the commands on the writer thread from the writer's
     * view of the inventory (e.g. "every available unit in fridge-1").
     */
    public CompletableFuture<List<Decision>> applyAll(Function<Inventory, List<UnitCommand>> builder) {
        return writer.submit(tx -> {
            List<Decision> out = new ArrayList<>();
            for (UnitCommand c : builder.apply(inventory)) {
                out.add(decideAndWrite(tx, c));
            }
            return out;
        });
    }

    /**
     * Decides and writes one command inside a write task of the caller, so a feature can store its
     * own records (audit entry, monitor state) in the same transaction. Writer thread only.
     */
    public Decision applyIn(Tx tx, UnitCommand command) throws Exception {
        return decideAndWrite(tx, command);
    }

    private Decision decideAndWrite(Tx tx, UnitCommand command) throws Exception {
        BloodUnit previouslyStaged = inventory.stagedOnly(command.key());
        BloodUnit before = inventory.forWriter(command.key());
        Decision decision = review(command, before, inventory.decideAndStage(command));
        if (decision instanceof Decision.Accepted accepted) {
            inventory.restoreStaged(command.key(), accepted.unit());
            // registered before the SQL, so a failing insert also undoes the staging
            tx.afterRollback(() -> inventory.restoreStaged(command.key(), previouslyStaged));
            UnitRecords.save(tx, accepted.unit());
            UnitRecords.append(tx, accepted.events());
            tx.afterCommit(() -> {
                inventory.publish(accepted.unit());
                Committed committed = new Committed(List.of(accepted.unit()), accepted.events());
                listeners.forEach(l -> l.accept(committed));
            });
        } else {
            // a rule may have refused what the lifecycle staged
            inventory.restoreStaged(command.key(), previouslyStaged);
        }
        return decision;
    }

    private Decision review(UnitCommand command, BloodUnit before, Decision decision) {
        for (UnitRule rule : rules) {
            if (!(decision instanceof Decision.Accepted accepted)) {
                break;
            }
            decision = rule.review(command, before, accepted);
        }
        return decision;
    }
}
