package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitStatus;

/**
 * Time out of controlled storage as a property of the unit ({@link BloodUnit#outOfStorageSince()}).
 * Pure: the caller says which locations are controlled storage for the unit (a registered device that
 * holds its component class) and what the limit of its component class is.
 * <pre>
 *  in controlled storage (since = null)
 *     │ ISSUE, or STORE/MOVE/RETURN to a place that is not controlled storage
 *     ▼
 *  out since T ──MOVE/STORE/RETURN to another uncontrolled place──▶ out since T (never reset)
 *     │
 *     ├─ STORE/MOVE/RETURN into controlled storage, at − T ≤ limit ──▶ in controlled storage (reset)
 *     ├─ STORE/MOVE/RETURN anywhere, at − T > limit ──▶ QUARANTINE (reset only if the target is controlled)
 *     ├─ ISSUE, at − T > limit ──▶ REFUSE (nothing changes)
 *     └─ no scan, AVAILABLE, now − T > limit ──timer──▶ QUARANTINE (stays out since T)
 * </pre>
 * RECEIVE (from the supplier or another site, in validated transport) starts in controlled storage, and a
 * unit still RECEIVED is not judged. Units stored before the time was kept ({@code since} null while ISSUED
 * or AVAILABLE outside controlled storage) count from their last change, as the rule did before.
 * A component class without a limit is tracked but never judged. Limits are exclusive: exactly 30 min is
 * within a 30-minute limit.
 *
 * <p>Without any scan, {@link #overdue} is the timer's view of the same state: an AVAILABLE unit out since T
 * with {@code now − T > limit} is overdue and is quarantined by the sweep ({@code units.OutOfStorageSweep}),
 * so a unit left on a bench does not stay AVAILABLE until its next scan.
 */
public final class OutOfStorage {

    /** What a command does to the unit's time out of controlled storage. */
    public enum Outcome {
        /** within the limit (or not limited) */
        OK,
        /** the unit is placed, but quarantined: it was out longer than the limit */
        QUARANTINE,
        /** the command (ISSUE) is refused: the unit was out longer than the limit */
        REFUSE
    }

    /**
     * @param since   the unit's {@code outOfStorageSince} after the command (null = in controlled storage)
     * @param away    how long the unit had been out when the command came (zero if it was in)
     * @param leftAt  when it left controlled storage (null if it was in)
     */
    public record Verdict(Outcome outcome, Instant since, Duration away, Instant leftAt) {
    }

    private OutOfStorage() {
    }

    /**
     * @param before     the unit before the command (null for a unit received by this command)
     * @param action     the command's action
     * @param target     the command's location (STORE, MOVE, RETURN, RECEIVE), else null
     * @param at         the command's time
     * @param controlled whether a location at the unit's site is controlled storage for its component class
     * @param limit      the limit of the unit's component class, or null when it has none
     */
    public static Verdict judge(BloodUnit before, UnitAction action, String target, Instant at,
                                Predicate<String> controlled, Duration limit) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        if (before == null) {
            // received now; a STORE of an unknown unit to an uncontrolled place starts the clock
            boolean out = action == UnitAction.STORE && target != null && !controlled.test(target);
            return new Verdict(Outcome.OK, out ? at : null, Duration.ZERO, null);
        }
        Instant left = leftAt(before, controlled);
        Duration away = left == null || at.isBefore(left) ? Duration.ZERO : Duration.between(left, at);
        boolean over = left != null && limit != null && away.compareTo(limit) > 0;
        return switch (action) {
            case RECEIVE -> new Verdict(Outcome.OK, null, away, left);
            case ISSUE -> over
                    ? new Verdict(Outcome.REFUSE, before.outOfStorageSince(), away, left)
                    : new Verdict(Outcome.OK, left != null ? left : at, away, left);
            case STORE, MOVE, RETURN -> {
                if (before.status() == UnitStatus.RECEIVED && left == null) {
                    // first placement after receipt: not judged; an uncontrolled place starts the clock
                    yield new Verdict(Outcome.OK, target != null && !controlled.test(target) ? at : null, away, null);
                }
                boolean into = target != null && controlled.test(target);
                Instant since = into ? null : (left != null ? left : at);
                yield new Verdict(over ? Outcome.QUARANTINE : Outcome.OK, since, away, left);
            }
            default -> new Verdict(Outcome.OK, before.outOfStorageSince(), away, left);
        };
    }

    /**
     * When the unit left controlled storage, or null while it is in controlled storage. Units stored
     * before the time was kept count from their last change when they are issued or outside controlled storage.
     */
    static Instant leftAt(BloodUnit u, Predicate<String> controlled) {
        if (u.outOfStorageSince() != null) {
            return u.outOfStorageSince();
        }
        boolean outNow = u.status() == UnitStatus.ISSUED
                || (u.status() == UnitStatus.AVAILABLE && (u.location() == null || !controlled.test(u.location())));
        return outNow ? u.updated() : null;
    }

    /**
     * The verdict of the timer on a unit nobody scanned: {@link Outcome#QUARANTINE} when it is AVAILABLE, out of
     * controlled storage since a recorded time ({@link BloodUnit#outOfStorageSince()}) and longer than
     * {@code limit} at {@code now}; empty otherwise (in controlled storage, within the limit, no limit, or not in
     * stock). Units stored before the time was kept have no recorded time and are judged at their next scan.
     */
    public static Optional<Verdict> overdue(BloodUnit u, Instant now, Duration limit) {
        Instant left = u.outOfStorageSince();
        if (u.status() != UnitStatus.AVAILABLE || left == null || limit == null || now.isBefore(left)) {
            return Optional.empty();
        }
        Duration away = Duration.between(left, now);
        return away.compareTo(limit) > 0
                ? Optional.of(new Verdict(Outcome.QUARANTINE, left, away, left))
                : Optional.empty();
    }

    /** The reason recorded when a unit is quarantined or an ISSUE refused. */
    public static String reason(Verdict v, Duration limit) {
        return "out of controlled storage for " + v.away().toMinutes() + " min since " + v.leftAt()
                + " (limit " + Durations.human(limit) + ")";
    }
}
