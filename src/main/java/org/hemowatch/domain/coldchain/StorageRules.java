package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitStatus;

/**
 * Pure rules about where a unit is kept: which device may hold which component class, and how long
 * a red-cell unit may stay out of controlled storage. See {@code docs/cold-chain.md}.
 */
public final class StorageRules {

    /** Components whose time out of controlled storage is limited (the "30-minute rule" for red cells). */
    public static final Set<ComponentClass> TIME_LIMITED = EnumSet.of(ComponentClass.RED_CELLS, ComponentClass.WHOLE_BLOOD);

    private StorageRules() {
    }

    /**
     * Empty if {@code device} may hold {@code component}; otherwise why not. A device with an empty
     * {@code holds} (a room, a bench) holds anything.
     */
    public static Optional<String> wrongDevice(DeviceProfile device, ComponentClass component) {
        if (device.holds().isEmpty() || device.holds().contains(component)) {
            return Optional.empty();
        }
        return Optional.of(component.code() + " must not be stored in " + device.id() + " (" + device.kind().code()
                + ", holds " + device.holds().stream().map(ComponentClass::code).sorted().toList() + ")");
    }

    /**
     * How long a unit was out of controlled storage when {@code cmd} brings it back into a device,
     * if that exceeds {@code limit}. A unit is out of controlled storage from the time it was issued
     * or moved to a location that is not a device ({@code before.updated()}), until the command's time.
     * Units received for the first time are not judged (they came in validated transport).
     *
     * @param isDevice whether a location id at the unit's site is a registered storage device
     * @return the time out, only when it is longer than {@code limit}
     */
    public static Optional<Duration> outOfStorageTooLong(BloodUnit before, UnitCommand cmd,
                                                         Predicate<String> isDevice, Duration limit) {
        if (before == null || !TIME_LIMITED.contains(before.component())) {
            return Optional.empty();
        }
        boolean intoDevice = (cmd.action() == UnitAction.STORE || cmd.action() == UnitAction.RETURN
                || cmd.action() == UnitAction.MOVE) && cmd.location() != null && isDevice.test(cmd.location());
        if (!intoDevice) {
            return Optional.empty();
        }
        boolean out = before.status() == UnitStatus.ISSUED
                || (before.status() == UnitStatus.AVAILABLE && (before.location() == null || !isDevice.test(before.location())));
        if (!out) {
            return Optional.empty();
        }
        Duration away = Duration.between(before.updated(), cmd.at());
        return away.compareTo(limit) > 0 ? Optional.of(away) : Optional.empty();
    }

    /** The quarantine reason for a unit that was out of controlled storage for {@code away}. */
    public static String outOfStorageReason(Duration away, Duration limit, Instant since) {
        return "out of controlled storage for " + away.toMinutes() + " min since " + since + " (limit " + Durations.human(limit) + ")";
    }
}
