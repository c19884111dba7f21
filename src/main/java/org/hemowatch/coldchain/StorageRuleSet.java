package org.hemowatch.coldchain;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitLifecycle;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.domain.coldchain.OutOfStorage;
import org.hemowatch.domain.coldchain.OutOfStorageLimits;
import org.hemowatch.domain.coldchain.StorageRules;
import org.hemowatch.units.UnitRule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The cold chain's {@link UnitRule}, evaluated on the writer thread for every accepted unit decision:
 * <ol>
 *   <li>placement: a unit put into a device that does not hold its component class is refused
 *       ({@code wrong-storage-device}), or accepted with the warning in its history ({@code wrongDevice: warn});</li>
 *   <li>time out of controlled storage ({@link OutOfStorage}): kept on the unit; a unit placed anywhere after more
 *       than its component's limit is quarantined, and its ISSUE refused ({@code out-of-controlled-storage});</li>
 *   <li>quarantine on arrival: a unit that would become available in a device with an open excursion is quarantined.</li>
 * </ol>
 * Quarantines are appended as a second event ({@code QUARANTINE}, actor {@code system}) in the same write.
 */
public final class StorageRuleSet implements UnitRule {

    /** Rule name of a refused placement. */
    public static final String WRONG_DEVICE = "wrong-storage-device";

    private final DeviceRegistry registry;
    private final BiFunction<String, String, Optional<Excursion>> openExcursion;
    private final boolean warnOnly;
    /** Rule name of an ISSUE refused because the unit was out of controlled storage too long. */
    public static final String OUT_OF_STORAGE = "out-of-controlled-storage";

    private final OutOfStorageLimits limits;

    /**
     * @param openExcursion the open excursion of (site, device), from thread-safe state
     * @param limits        time out of controlled storage allowed per component class
     */
    public StorageRuleSet(DeviceRegistry registry, BiFunction<String, String, Optional<Excursion>> openExcursion,
                          boolean warnOnly, OutOfStorageLimits limits) {
        this.registry = registry;
        this.openExcursion = openExcursion;
        this.warnOnly = warnOnly;
        this.limits = limits;
    }

    @Override
    public Decision review(UnitCommand cmd, BloodUnit before, Decision.Accepted accepted) {
        BloodUnit unit = accepted.unit();
        Decision.Accepted out = accepted;
        if (placing(cmd.action()) && cmd.location() != null) {
            Optional<DeviceProfile> device = registry.find(unit.site(), cmd.location());
            Optional<String> wrong = device.flatMap(d -> StorageRules.wrongDevice(d, unit.component()));
            if (wrong.isPresent()) {
                if (!warnOnly) {
                    return Decision.conflict(WRONG_DEVICE,
                            "unit " + unit.key() + ": " + wrong.get() + "; put it into a device for " + unit.component().code());
                }
                out = withWarning(out, WRONG_DEVICE + ": " + wrong.get());
            }
        }
        String site = unit.site();
        Duration limit = limits.of(unit.component()).orElse(null);
        OutOfStorage.Verdict time = OutOfStorage.judge(before, cmd.action(), cmd.location(), cmd.at(),
                loc -> registry.isControlledStorage(site, loc, unit.component()), limit);
        if (time.outcome() == OutOfStorage.Outcome.REFUSE) {
            return Decision.conflict(OUT_OF_STORAGE, "unit " + unit.key()
                    + " must not be issued: " + OutOfStorage.reason(time, limit) + "; quarantine it for assessment");
        }
        out = new Decision.Accepted(out.unit().withOutOfStorageSince(time.since()), out.events());
        if (out.unit().status() != UnitStatus.AVAILABLE || out.unit().location() == null) {
            return out;
        }
        if (time.outcome() == OutOfStorage.Outcome.QUARANTINE) {
            return quarantine(out, cmd, OutOfStorage.reason(time, limit));
        }
        Optional<Excursion> excursion = openExcursion.apply(site, out.unit().location());
        if (excursion.isPresent()) {
            return quarantine(out, cmd, "stored into " + out.unit().location() + " during temperature excursion "
                    + excursion.get().id() + " (" + excursion.get().reason() + ")");
        }
        return out;
    }

    private static boolean placing(UnitAction a) {
        return a == UnitAction.STORE || a == UnitAction.MOVE || a == UnitAction.RETURN || a == UnitAction.RECEIVE;
    }

    private static Decision.Accepted withWarning(Decision.Accepted a, String warning) {
        List<UnitEvent> events = new ArrayList<>(a.events());
        UnitEvent last = events.remove(events.size() - 1);
        String reason = last.reason() == null ? "warning " + warning : last.reason() + "; warning " + warning;
        events.add(new UnitEvent(last.key(), last.action(), last.from(), last.to(), last.at(), last.site(), last.location(),
                last.destination(), last.actor(), last.source(), reason, last.keyId(), last.keyName()));
        return new Decision.Accepted(a.unit(), events);
    }

    /** Appends a QUARANTINE by the system to an accepted decision (same write, two events). */
    static Decision quarantine(Decision.Accepted a, UnitCommand cmd, String reason) {
        BloodUnit u = a.unit();
        UnitCommand q = new UnitCommand(UnitAction.QUARANTINE, u.key(), null, u.site(), null, null, "system",
                "coldchain:" + u.location(), reason, cmd.at());
        Decision d = UnitLifecycle.decide(u, q);
        if (!(d instanceof Decision.Accepted qa)) {
            return a;
        }
        List<UnitEvent> events = new ArrayList<>(a.events());
        events.addAll(qa.events());
        return new Decision.Accepted(qa.unit(), events);
    }
}
