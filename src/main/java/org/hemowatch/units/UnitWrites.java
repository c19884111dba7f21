package org.hemowatch.units;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.Tx;
import org.hemowatch.store.WriteTask;
import org.hemowatch.json.JsonMappers;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;
import org.hemowatch.store.UnitRecords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one place where unit commands meet the store: each command is decided against the
 * {@link WriterView} (the {@link Inventory} with what this batch has staged) inside a group-commit
 * batch, written with its events, and made visible (to queries and to {@link #onCommitted listeners})
 * only after COMMIT.
 */
public final class UnitWrites {

    private final GroupCommitWriter writer;
    private final Inventory inventory;
    private final WriterView view;
    private final List<Consumer<Committed>> listeners = new CopyOnWriteArrayList<>();
    private final List<UnitRule> rules = new CopyOnWriteArrayList<>();

    /** Rule name of a write that lost a race: the stored unit changed after it was read. */
    public static final String CONCURRENT_CHANGE = org.hemowatch.domain.rule.Rules.CONCURRENT_CHANGE;

    private final ChangeLog changes;

    public UnitWrites(GroupCommitWriter writer, Inventory inventory, ChangeLog changes) {
        this.writer = writer;
        this.inventory = inventory;
        this.view = new WriterView(inventory);
        this.changes = changes;
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

    /** The units as the writer sees them, for a feature's write task that decides which commands to apply. Writer thread only. */
    public WriterView view() {
        return view;
    }

    /** Decides and, if accepted, durably applies one command. The future completes after COMMIT. */
    public CompletableFuture<Decision> apply(UnitCommand command) {
        return apply(inv -> command);
    }

    /**
     * Like {@link #apply(UnitCommand)}, but builds the command on the writer thread from the
     * {@link WriterView} (e.g. to resolve a DIN-only scan to its one product).
     * The builder may throw {@link RejectedException} to refuse.
     */
    public CompletableFuture<Decision> apply(Function<WriterView, UnitCommand> builder) {
        return writer.submit(tx -> decideAndWrite(tx, builder.apply(view)));
    }

    /** What a feature writes beside an accepted command, in its transaction (e.g. the audit entry of a signed decision). */
    @FunctionalInterface
    public interface AlsoWrite {
        void write(Tx tx, UnitCommand command, Decision.Accepted accepted) throws Exception;
    }

    /**
     * Like {@link #apply(Function)}; when the command is accepted, {@code also} runs in the same
     * transaction, so both are committed or neither is.
     */
    public CompletableFuture<Decision> apply(Function<WriterView, UnitCommand> builder, AlsoWrite also) {
        return writer.submit(tx -> {
            UnitCommand command = builder.apply(view);
            Decision d = decideAndWrite(tx, command);
            if (d instanceof Decision.Accepted a) {
                also.write(tx, command, a);
            }
            return d;
        });
    }

    /**
     * Like {@link #apply(Function)}, at most once: {@code claim} runs in the same transaction after
     * the command was built; when it returns false (already applied) nothing is decided and the
     * future yields an {@link Decision.Accepted} of the unit as it stands with no events. A refused
     * command fails the future with its {@link RejectedException}, so its claim is rolled back with it.
     */
    public CompletableFuture<Decision> applyOnce(WriteTask<Boolean> claim, Function<WriterView, UnitCommand> builder) {
        return writer.submit(tx -> {
            UnitCommand command = builder.apply(view);
            if (!claim.apply(tx)) {
                BloodUnit current = view.unit(command.key());
                if (current == null) {
                    throw new RejectedException(Rejection.unknown("unknown-unit", "unit " + command.key() + " is not known"));
                }
                return new Decision.Accepted(current, List.of());
            }
            Decision d = decideAndWrite(tx, command);
            if (d instanceof Decision.Refused r) {
                throw new RejectedException(r.rejection());
            }
            return d;
        });
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
     * Like {@link #applyAll(List)}, but builds the commands on the writer thread from the
     * {@link WriterView} (e.g. "every available unit in fridge-1").
     */
    public CompletableFuture<List<Decision>> applyAll(Function<WriterView, List<UnitCommand>> builder) {
        return writer.submit(tx -> {
            List<Decision> out = new ArrayList<>();
            for (UnitCommand c : builder.apply(view)) {
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

    /**
     * The database is the authority: the command is decided against the row as stored now (read in
     * this transaction, so it includes this batch's own writes and every other instance's commits),
     * and written only if that row is still the one decided against ({@link UnitRecords#write}).
     * A writer's view older than the row is first brought up to date, so a unit quarantined or
     * issued by another instance is refused here as it would be there.
     */
    private Decision decideAndWrite(Tx tx, UnitCommand command) throws Exception {
        BloodUnit stored = UnitRecords.find(tx, command.key());
        catchUp(tx, stored);
        BloodUnit previouslyStaged = view.stagedOnly(command.key());
        BloodUnit before = view.unit(command.key());
        Decision decision = review(command, before, view.decideAndStage(command));
        if (decision instanceof Decision.Accepted accepted) {
            view.restoreStaged(command.key(), accepted.unit());
            // registered before the SQL, so a failing insert also undoes the staging
            tx.afterRollback(() -> view.restoreStaged(command.key(), previouslyStaged));
            if (!UnitRecords.write(tx, accepted.unit(), stored == null ? null : stored.version())) {
                throw new RejectedException(Rejection.conflict(CONCURRENT_CHANGE, "unit " + command.key()
                        + " was changed by another writer while this " + command.action() + " was decided; nothing was applied, read it again"));
            }
            UnitRecords.append(tx, accepted.events());
            auditRecipients(tx, accepted.events());
            changes.record(tx, ChangeLog.Kind.UNIT, ChangeLog.subject(command.key()));
            tx.afterCommit(() -> {
                view.publish(accepted.unit());
                Committed committed = new Committed(List.of(accepted.unit()), accepted.events());
                listeners.forEach(l -> l.accept(committed));
            });
        } else {
            // a rule may have refused what the lifecycle staged
            view.restoreStaged(command.key(), previouslyStaged);
        }
        return decision;
    }

    /**
     * Brings the writer's view of one unit up to the stored row when another instance changed it
     * (the stored version is newer and this batch has not staged the unit). The events that the view
     * had not seen are read from the history (a unit's version counts its events) and passed to the
     * listeners as a committed change, so projections such as demand follow.
     */
    private void catchUp(Tx tx, BloodUnit stored) throws Exception {
        if (stored == null || view.stagedOnly(stored.key()) != null) {
            return;
        }
        BloodUnit mine = inventory.get(stored.key());
        if (mine != null && mine.version() >= stored.version()) {
            return;
        }
        // a unit final before the start was left in the store: its events were never new to this instance
        List<UnitEvent> unseen = inventory.leftInStoreAtStart(stored) ? List.of()
                : UnitRecords.eventsAfter(tx.connection(), stored.key(), mine == null ? 0 : mine.version());
        inventory.applyCommitted(stored);
        Committed committed = new Committed(List.of(stored), unseen);
        listeners.forEach(l -> l.accept(committed));
    }

    /**
     * Follows a change committed by another instance (from the {@link ChangeLog}): re-reads the unit
     * on the writer thread and brings the view and the listeners up to date. Completes after that.
     */
    public CompletableFuture<Void> follow(UnitKey key) {
        return writer.submit(tx -> {
            catchUp(tx, UnitRecords.find(tx, key));
            return null;
        });
    }

    /**
     * An ISSUE to a named patient is a patient-safety decision: it is also in the audit log
     * ({@code unit.issue-to-recipient}), in the same transaction, with the recipient and destination.
     */
    private static void auditRecipients(Tx tx, List<UnitEvent> events) throws Exception {
        for (UnitEvent e : events) {
            if (e.recipient() != null) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("recipient", e.recipient());
                fields.put("destination", e.destination());
                fields.put("source", e.source());
                fields.put("keyId", e.keyId());
                String detail = JsonMappers.WIRE.writeValueAsString(fields);
                AuditRecords.append(tx, new AuditEntry(e.at(), e.keyName() != null ? e.keyName() : e.actor(),
                        "unit.issue-to-recipient", e.key().toString(), detail, e.keyId(), e.site()));
            }
        }
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
