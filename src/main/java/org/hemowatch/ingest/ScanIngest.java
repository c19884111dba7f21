package org.hemowatch.ingest;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.units.UnitWrites;
import org.hemowatch.units.WriterView;
import org.hemowatch.auth.Access;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.DiscardHold;
import org.hemowatch.domain.Enums;
import org.hemowatch.domain.ProductCatalog;
import org.hemowatch.domain.TimePlausibility;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.metrics.ScanMetrics;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;
import org.hemowatch.store.ScanSeqRecords;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one ingestion path for scans: HTTP, MQTT and serial adapters all hand a {@link ScanRequest}
 * here. Steps: validate the request, decode the label, build the unit command (on the writer
 * thread, so a DIN-only scan resolves against current state), decide and commit.
 *
 * <p>Trust: the sender must hold {@link Permission#UNIT_SCAN} for the request's site and, as a device
 * key, speak for the scanner; on the writer thread the STORED unit's site is checked again (a site-A key
 * cannot discard a site-B unit), and a scan that would move a unit to another site needs
 * {@link Permission#UNIT_CHANGE_SITE} (an admin without scope). A {@code ts} beyond the allowed clock
 * skew is refused with rule {@code timestamp-in-future}.
 * A DISCARD needs a person's signature: unsigned (a key over HTTP, an MQTT or serial scanner) it holds the
 * unit for a signed discard instead ({@link DiscardHold}); signed ({@link #process(ScanRequest, SignedDiscard)}) it
 * discards, with its audit entry in the same transaction.
 * The future completes after COMMIT with the unit as stored, or fails with an {@link RejectedException}.
 */
public final class ScanIngest {

    private final UnitWrites writes;
    private final ProductCatalog catalog;
    private final Function<String, ZoneId> zoneOfSite;
    private final Predicate<String> knownSite;
    private final Clock clock;
    private final ScanMetrics metrics;
    private final TimePlausibility time;

    public ScanIngest(UnitWrites writes, ProductCatalog catalog, Function<String, ZoneId> zoneOfSite,
                      Predicate<String> knownSite, Clock clock, ScanMetrics metrics, TimePlausibility time) {
        this.time = time;
        this.metrics = metrics;
        this.writes = writes;
        this.catalog = catalog;
        this.zoneOfSite = zoneOfSite;
        this.knownSite = knownSite;
        this.clock = clock;
    }

    /** Processes one scan; see the class comment. Accepted and rejected scans are counted. */
    public CompletableFuture<BloodUnit> process(ScanRequest request) {
        return decideAndCommit(request, null, null).whenComplete((unit, failure) -> count(request, unit, failure));
    }

    /**
     * A DISCARD scan signed by a person: the unit the signature names (its meaning states it) and the
     * audit detail (comment and signature) that is written as {@code unit.discard} in the discard's transaction.
     */
    public record SignedDiscard(UnitKey key, String auditDetail) {
    }

    /**
     * Processes a DISCARD scan that a person signed: the unit is discarded, with its audit entry in the
     * same transaction; a scan that resolves to another unit than the signed one is refused
     * ({@code signature-meaning-mismatch}) and changes nothing.
     */
    public CompletableFuture<BloodUnit> process(ScanRequest request, SignedDiscard signed) {
        return decideAndCommit(request, null, java.util.Objects.requireNonNull(signed, "signed"))
                .whenComplete((unit, failure) -> count(request, unit, failure));
    }

    /**
     * The unit a scan names, resolved against the committed {@code inventory} (a DIN-only read names
     * the donation's one unit in stock), so that a person can be asked to sign for it; the scan itself
     * resolves again on the writer thread. Throws {@link RejectedException} when the reads name no unit.
     */
    public UnitKey keyOf(ScanRequest request, org.hemowatch.domain.Inventory inventory) {
        ScannedLabel label = LabelAssembler.assemble(request.reads(), zoneOfSite.apply(request.site()));
        // only units the sender may see: the meaning must not tell a product of another site's donation
        return resolveKey(din -> inventory.byDin(din).stream().filter(u -> request.sender().mayAccessSite(u.site()))
                .map(BloodUnit::key).toList(), inventory::get, label);
    }

    /**
     * A scan's sequence number as its sender counts them: the scan is applied at most once per
     * (publisher, site, scanner, seq) within {@link ScanSeqRecords#WINDOW}, whichever instance
     * receives it, and a refused scan leaves its seq free for its corrected retry.
     *
     * @param publisher who sent it (the key id), so another key's seq 7 is another scan
     */
    public record Sequence(String publisher, long seq) {
    }

    /**
     * Like {@link #process(ScanRequest)}, at most once per {@link Sequence}: a redelivery completes
     * with the unit as it stands, without applying the scan again.
     */
    public CompletableFuture<BloodUnit> process(ScanRequest request, Sequence sequence) {
        return decideAndCommit(request, sequence, null).whenComplete((unit, failure) -> count(request, unit, failure));
    }

    private void count(ScanRequest request, BloodUnit unit, Throwable failure) {
        // only configured sites become label values, so a sender cannot grow the metric's label set
        String site = request.site() != null && knownSite.test(request.site()) ? request.site() : "unknown";
        String path = request.path() == null ? "unknown" : request.path();
        if (failure == null) {
            String action = request.action().trim().toUpperCase(Locale.ROOT);
            metrics.accepted(site, path, "DISCARD".equals(action) && DiscardHold.pending(unit) ? "DISCARD_HELD" : action);
        } else {
            Rejection error = Rejection.of(failure).orElse(null);
            metrics.rejected(site, path, error != null ? error.rule() : "store-failure");
        }
    }

    private CompletableFuture<BloodUnit> decideAndCommit(ScanRequest request, Sequence sequence, SignedDiscard signed) {
        final UnitAction action;
        final ScannedLabel label;
        try {
            action = validate(request);
            label = LabelAssembler.assemble(request.reads(), zoneOfSite.apply(request.site()));
        } catch (RejectedException e) {
            return CompletableFuture.failedFuture(e);
        }
        Function<WriterView, UnitCommand> builder = view -> signedOrHeld(command(view, request, action, label), signed);
        if (signed != null) {
            return writes.apply(builder, (tx, cmd, accepted) -> AuditRecords.append(tx, new AuditEntry(cmd.at(), request.sender().name(),
                    "unit.discard", cmd.key().toString(), signed.auditDetail(), request.sender().id(), accepted.unit().site())))
                    .thenApply(ScanIngest::unitOrThrow);
        }
        if (sequence == null) {
            return writes.apply(builder).thenApply(ScanIngest::unitOrThrow);
        }
        String scanner = request.scanner() == null ? "" : request.scanner();
        return writes.applyOnce(tx -> ScanSeqRecords.claim(tx, sequence.publisher(), request.site(), scanner,
                sequence.seq(), clock.instant()), builder).thenApply(ScanIngest::unitOrThrow);
    }

    private UnitAction validate(ScanRequest r) {
        if (r.site() == null || r.site().isBlank()) {
            throw new RejectedException(Rejection.invalid("site-required", "the scan must name its site"));
        }
        if (!knownSite.test(r.site())) {
            throw new RejectedException(Rejection.unknown("unknown-site", "site '" + r.site() + "' is not configured"));
        }
        Access.require(r.sender(), Permission.UNIT_SCAN, Access.Target.device(r.site(), r.scanner()));
        if (r.at() != null && time.judge(r.at(), clock.instant()) == TimePlausibility.Verdict.FUTURE) {
            throw new RejectedException(Rejection.invalid(TimePlausibility.FUTURE_RULE, time.futureMessage(r.at(), clock.instant())));
        }
        if (r.action() == null) {
            throw new RejectedException(Rejection.invalid("action-required", "the scan must name its action: " + scanActions()));
        }
        UnitAction action = Enums.parse(UnitAction.class, r.action()).orElse(null);
        if (action == null || !action.isScanAction()) {
            throw new RejectedException(Rejection.invalid("unknown-action", "action '" + r.action() + "' is not one of " + scanActions()));
        }
        return action;
    }

    private static String scanActions() {
        return "RECEIVE, STORE, ISSUE, RETURN, TRANSFUSE, DISCARD, MOVE";
    }

    /** Runs on the writer thread: resolves the unit key and label facts against the writer's view. */
    private UnitCommand command(WriterView view, ScanRequest r, UnitAction action, ScannedLabel label) {
        UnitKey key = resolveKey(view::keysOf, view::unit, label);
        BloodUnit current = view.unit(key);
        if (current != null) {
            // the unit as stored decides, not the site the request names
            Access.require(r.sender(), Permission.UNIT_SCAN, Access.Target.device(current.site(), r.scanner()));
            if (!current.site().equals(r.site())) {
                Access.require(r.sender(), Permission.UNIT_CHANGE_SITE, Access.Target.site(current.site()));
            }
        }
        ComponentClass component = null;
        if (current == null) {
            if (label.special() != null) {
                throw new RejectedException(Rejection.conflict("blood-group-special-message",
                        "the blood group label of " + label.din() + " says '" + label.special().slug() + "' instead of a group; the unit cannot be booked in"));
            }
            component = catalog.componentOf(key.productCode()).orElseThrow(() -> new RejectedException(Rejection.invalid(
                    "unknown-product-code", "product code " + key.productCode() + " is not in the product table; add it under 'products' in the config")));
        }
        String actor = r.operator() != null && !r.operator().isBlank() ? r.operator() : r.sender().name();
        String source = r.path() + (r.scanner() != null ? ":" + r.scanner() : "");
        UnitCommand.LabelFacts facts = new UnitCommand.LabelFacts(component, label.group(), label.expires(),
                label.intendedUse(), label.special(), label.collected());
        return new UnitCommand(action, key, facts, r.site(), r.location(), r.destination(), actor, source, r.reason(),
                clock.instant(), r.sender().id(), r.sender().name(), r.recipient());
    }

    /**
     * A DISCARD is a signed decision: signed, it must name the unit that was signed for; unsigned
     * (a key, an MQTT or a serial scanner) it becomes the unit's hold ({@link DiscardHold}).
     */
    private static UnitCommand signedOrHeld(UnitCommand cmd, SignedDiscard signed) {
        if (cmd.action() != UnitAction.DISCARD) {
            return cmd;
        }
        if (signed == null) {
            return DiscardHold.of(cmd);
        }
        if (!signed.key().equals(cmd.key())) {
            throw new RejectedException(Rejection.invalid("signature-meaning-mismatch", "the signature is for unit " + signed.key()
                    + " but the scan names unit " + cmd.key() + "; nothing was discarded"));
        }
        return cmd;
    }

    private static UnitKey resolveKey(Function<String, List<UnitKey>> keysOf, Function<UnitKey, BloodUnit> unitOf, ScannedLabel label) {
        if (label.productCode() != null) {
            return new UnitKey(label.din(), label.productCode(), label.division());
        }
        List<UnitKey> candidates = keysOf.apply(label.din()).stream()
                .filter(k -> !unitOf.apply(k).status().isFinal())
                .toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new RejectedException(Rejection.invalid("product-code-missing",
                    "the reads carry no product code and donation " + label.din() + " has no unit in stock to match"));
        }
        throw new RejectedException(Rejection.invalid("product-code-missing",
                "donation " + label.din() + " has " + candidates.size() + " units in stock; scan the product code too"));
    }

    private static BloodUnit unitOrThrow(Decision decision) {
        if (decision instanceof Decision.Accepted a) {
            return a.unit();
        }
        throw new RejectedException(((Decision.Refused) decision).rejection());
    }
}
