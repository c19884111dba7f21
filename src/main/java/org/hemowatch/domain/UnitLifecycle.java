package org.hemowatch.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hemowatch.domain.rule.Rejection;

import static org.hemowatch.domain.rule.Rejection.Kind.CONFLICT;
import static org.hemowatch.domain.rule.Rejection.Kind.INVALID;
import static org.hemowatch.domain.rule.Rejection.Kind.UNKNOWN;

/**
 * The rules of a unit's life, as a pure function of its current state and a command:
 * <pre>
 * (new) --RECEIVE--> RECEIVED --STORE--> AVAILABLE <--QUARANTINE/RELEASE--> QUARANTINED
 * AVAILABLE --ISSUE--> ISSUED --TRANSFUSE--> TRANSFUSED
 *                      ISSUED --RETURN--> AVAILABLE
 * AVAILABLE/RECEIVED/QUARANTINED --EXPIRE--> EXPIRED (when its expiry has passed)
 * any non-final --DISCARD--> DISCARDED
 * any non-final --QUARANTINE as a discard's hold--> QUARANTINED (see {@link DiscardHold})
 * </pre>
 * STORE of a unit that is not yet known, with a complete label, receives and stores it in one step.
 * Illegal commands are refused with a rule name and never partly applied.
 */
public final class UnitLifecycle {

    private UnitLifecycle() {
    }

    /**
     * Decides a command against the unit's current state.
     *
     * @param current the unit as stored, or null if the key is unknown
     */
    public static Decision decide(BloodUnit current, UnitCommand cmd) {
        if (current == null) {
            return decideNew(cmd);
        }
        Decision d = decideKnown(current, cmd);
        d = SpecialMessages.hold(cmd, d);
        if (d instanceof Decision.Accepted a && a.unit().intendedUse() == null && cmd.label().intendedUse() != null) {
            // a unit stored before intended use was kept takes the use its label states now
            return new Decision.Accepted(a.unit().withUse(cmd.label().intendedUse(), a.unit().recipient()), a.events());
        }
        return d;
    }

    private static Decision decideKnown(BloodUnit current, UnitCommand cmd) {
        Decision.Refused mismatch = LabelMismatch.of(current, cmd.label());
        if (mismatch != null) {
            return mismatch;
        }
        if (current.status().isFinal()) {
            return refuse(CONFLICT, "unit-final",
                    "unit " + current.key() + " is " + name(current.status()) + "; no further " + name(cmd.action()) + " is possible");
        }
        Decision.Refused special = SpecialMessages.refusal(current, cmd);
        if (special != null) {
            return special;
        }
        return switch (cmd.action()) {
            case RECEIVE -> receiveKnown(current, cmd);
            case STORE -> store(current, cmd);
            case MOVE -> move(current, cmd);
            case ISSUE -> issue(current, cmd);
            case RETURN -> returnUnit(current, cmd);
            case TRANSFUSE -> transfuse(current, cmd);
            case DISCARD -> discard(current, cmd);
            case QUARANTINE -> DiscardHold.requested(cmd) ? accepted(cmd, current, DiscardHold.held(current, cmd)) : quarantine(current, cmd);
            case RELEASE -> release(current, cmd);
            case EXPIRE -> expire(current, cmd);
        };
    }

    private static Decision decideNew(UnitCommand cmd) {
        if (cmd.action() != UnitAction.RECEIVE && cmd.action() != UnitAction.STORE) {
            return refuse(UNKNOWN, "unit-unknown", "unit " + cmd.key() + " has not been received");
        }
        UnitCommand.LabelFacts label = cmd.label();
        List<String> missing = new ArrayList<>();
        if (label.group() == null) {
            missing.add("blood group");
        }
        if (label.expires() == null) {
            missing.add("expiry");
        }
        if (label.component() == null) {
            missing.add("component class of product " + cmd.key().productCode());
        }
        if (!missing.isEmpty()) {
            return refuse(INVALID, "label-incomplete",
                    "to receive unit " + cmd.key() + " the label must give: " + String.join(", ", missing));
        }
        if (!cmd.at().isBefore(label.expires())) {
            return refuse(CONFLICT, "unit-expired",
                    "unit " + cmd.key() + " expired at " + label.expires() + " and cannot be received");
        }
        String receiveLocation = cmd.action() == UnitAction.RECEIVE ? cmd.location() : null;
        IntendedUse use = label.intendedUse() == null ? IntendedUse.UNSPECIFIED : label.intendedUse();
        BloodUnit received = new BloodUnit(cmd.key(), label.component(), label.group(), label.expires(), cmd.site(),
                receiveLocation, null, UnitStatus.RECEIVED, cmd.reason(), cmd.at(), 1, use, null, null, false, label.collected());
        UnitEvent receivedEvent = event(cmd, UnitAction.RECEIVE, null, received);
        if (cmd.action() == UnitAction.RECEIVE) {
            return new Decision.Accepted(received, List.of(receivedEvent));
        }
        Decision stored = store(received, cmd);
        if (stored instanceof Decision.Accepted a) {
            List<UnitEvent> events = new ArrayList<>();
            events.add(receivedEvent);
            events.addAll(a.events());
            return new Decision.Accepted(a.unit(), events);
        }
        return stored;
    }

    private static Decision receiveKnown(BloodUnit current, UnitCommand cmd) {
        // A unit issued to another site arrives there: the transfer ends with a receipt.
        if (current.status() == UnitStatus.ISSUED && !current.site().equals(cmd.site())) {
            if (cmd.at().isAfter(current.expires()) || cmd.at().equals(current.expires())) {
                return refuse(CONFLICT, "unit-expired", "unit " + current.key() + " expired at " + current.expires());
            }
            BloodUnit next = current.with(UnitStatus.RECEIVED, cmd.location(), null, cmd.reason(), cmd.site(), cmd.at());
            return accepted(cmd, current, next);
        }
        return refuse(CONFLICT, "unit-already-received",
                "unit " + current.key() + " was already received at site " + current.site() + " and is " + name(current.status()));
    }

    private static Decision store(BloodUnit current, UnitCommand cmd) {
        if (blank(cmd.location())) {
            return refuse(INVALID, "location-required", "STORE needs the storage location of unit " + current.key());
        }
        return switch (current.status()) {
            case RECEIVED, AVAILABLE -> {
                if (current.isExpiredAt(cmd.at())) {
                    yield refuse(CONFLICT, "unit-expired", "unit " + current.key() + " expired at " + current.expires() + " and cannot be stored as available");
                }
                yield accepted(cmd, current, current.with(UnitStatus.AVAILABLE, cmd.location(), null, cmd.reason(), current.site(), cmd.at()));
            }
            // A quarantined unit may be put elsewhere, but stays quarantined.
            case QUARANTINED -> accepted(cmd, current, current.with(UnitStatus.QUARANTINED, cmd.location(), null, current.statusReason(), current.site(), cmd.at()));
            default -> illegal(current, cmd);
        };
    }

    private static Decision move(BloodUnit current, UnitCommand cmd) {
        if (blank(cmd.location())) {
            return refuse(INVALID, "location-required", "MOVE needs the new location of unit " + current.key());
        }
        return switch (current.status()) {
            case RECEIVED, AVAILABLE, QUARANTINED, EXPIRED ->
                    accepted(cmd, current, current.with(current.status(), cmd.location(), null, current.statusReason(), current.site(), cmd.at()));
            default -> illegal(current, cmd);
        };
    }

    private static Decision issue(BloodUnit current, UnitCommand cmd) {
        if (blank(cmd.destination())) {
            return refuse(INVALID, "destination-required", "ISSUE needs a destination for unit " + current.key());
        }
        if (current.status() == UnitStatus.AVAILABLE && current.isExpiredAt(cmd.at())) {
            return refuse(CONFLICT, "unit-expired", "unit " + current.key() + " expired at " + current.expires() + " and must not be issued");
        }
        IntendedUse use = current.intendedUseOrDefault();
        if (current.status() == UnitStatus.AVAILABLE && current.forNamedRecipientOnly() && blank(cmd.recipient())) {
            return refuse(INVALID, "recipient-required", "unit " + current.key() + " is " + name(use)
                    + ": ISSUE must name its recipient (\"recipient\" on the scan), the only patient it may go to");
        }
        return switch (current.status()) {
            case AVAILABLE -> {
                String recipient = blank(cmd.recipient()) ? null : cmd.recipient().strip();
                BloodUnit issued = current.with(UnitStatus.ISSUED, null, cmd.destination(), cmd.reason(), current.site(), cmd.at());
                yield accepted(cmd, current, issued.withUse(issued.intendedUse(), recipient)); // the ISSUE event records it
            }
            case QUARANTINED -> refuse(CONFLICT, "unit-quarantined",
                    "unit " + current.key() + " is quarantined (" + nullToDash(current.statusReason()) + ") and must be released before it is issued");
            case EXPIRED -> refuse(CONFLICT, "unit-expired", "unit " + current.key() + " expired at " + current.expires() + " and must not be issued");
            default -> illegal(current, cmd);
        };
    }

    private static Decision transfuse(BloodUnit current, UnitCommand cmd) {
        if (current.intendedUseOrDefault().notForTransfusion()) {
            return refuse(CONFLICT, "not-for-transfusion", "unit " + current.key() + " is "
                    + name(current.intendedUseOrDefault()) + " and must not be transfused");
        }
        return from(current, cmd, UnitStatus.TRANSFUSED, current.location(), current.destination(), UnitStatus.ISSUED);
    }

    private static Decision returnUnit(BloodUnit current, UnitCommand cmd) {
        if (current.status() != UnitStatus.ISSUED) {
            return illegal(current, cmd);
        }
        if (blank(cmd.location())) {
            return refuse(INVALID, "location-required", "RETURN needs the storage location unit " + current.key() + " goes back to");
        }
        UnitStatus next = current.isExpiredAt(cmd.at()) ? UnitStatus.EXPIRED : UnitStatus.AVAILABLE;
        BloodUnit back = current.with(next, cmd.location(), null, cmd.reason(), current.site(), cmd.at());
        return accepted(cmd, current, back.withUse(back.intendedUse(), null));
    }

    private static Decision discard(BloodUnit current, UnitCommand cmd) {
        if (blank(cmd.reason())) {
            return refuse(INVALID, "reason-required", "DISCARD of unit " + current.key() + " needs a reason");
        }
        return accepted(cmd, current, current.with(UnitStatus.DISCARDED, current.location(), current.destination(), cmd.reason(), current.site(), cmd.at()));
    }

    private static Decision quarantine(BloodUnit current, UnitCommand cmd) {
        if (blank(cmd.reason())) {
            return refuse(INVALID, "reason-required", "QUARANTINE of unit " + current.key() + " needs a reason");
        }
        return switch (current.status()) {
            case RECEIVED, AVAILABLE -> accepted(cmd, current, current.with(UnitStatus.QUARANTINED, current.location(), null, cmd.reason(), current.site(), cmd.at()));
            default -> illegal(current, cmd);
        };
    }

    private static Decision release(BloodUnit current, UnitCommand cmd) {
        if (blank(cmd.reason())) {
            return refuse(INVALID, "reason-required", "RELEASE of unit " + current.key() + " needs a comment");
        }
        if (current.status() != UnitStatus.QUARANTINED) {
            return illegal(current, cmd);
        }
        if (current.isExpiredAt(cmd.at())) {
            return refuse(CONFLICT, "unit-expired", "unit " + current.key() + " expired at " + current.expires() + " and cannot be released");
        }
        return accepted(cmd, current, current.with(UnitStatus.AVAILABLE, current.location(), null, cmd.reason(), current.site(), cmd.at()));
    }

    private static Decision expire(BloodUnit current, UnitCommand cmd) {
        if (!current.isExpiredAt(cmd.at())) {
            return refuse(CONFLICT, "not-yet-expired", "unit " + current.key() + " expires only at " + current.expires());
        }
        return switch (current.status()) {
            case RECEIVED, AVAILABLE, QUARANTINED ->
                    accepted(cmd, current, current.with(UnitStatus.EXPIRED, current.location(), null, "expired at " + current.expires(), current.site(), cmd.at()));
            default -> illegal(current, cmd);
        };
    }

    private static Decision from(BloodUnit current, UnitCommand cmd, UnitStatus to, String location, String destination, UnitStatus required) {
        if (current.status() != required) {
            return illegal(current, cmd);
        }
        return accepted(cmd, current, current.with(to, location, destination, cmd.reason(), current.site(), cmd.at()));
    }

    private static Decision accepted(UnitCommand cmd, BloodUnit before, BloodUnit after) {
        return accepted(cmd, before, after, cmd.reason());
    }

    private static Decision accepted(UnitCommand cmd, BloodUnit before, BloodUnit after, String reason) {
        return new Decision.Accepted(after, List.of(event(cmd, cmd.action(), before.status(), after, reason)));
    }

    private static UnitEvent event(UnitCommand cmd, UnitAction action, UnitStatus from, BloodUnit after) {
        return event(cmd, action, from, after, cmd.reason());
    }

    private static UnitEvent event(UnitCommand cmd, UnitAction action, UnitStatus from, BloodUnit after, String reason) {
        return new UnitEvent(after.key(), action, from, after.status(), cmd.at(), after.site(), after.location(),
                after.destination(), cmd.actor(), cmd.source(), reason, cmd.keyId(), cmd.keyName(),
                action == UnitAction.ISSUE ? after.recipient() : null);
    }

    private static Decision illegal(BloodUnit current, UnitCommand cmd) {
        return refuse(CONFLICT, "illegal-transition",
                "unit " + current.key() + " is " + name(current.status()) + "; " + name(cmd.action()) + " is not allowed from that status");
    }

    private static Decision.Refused refuse(Rejection.Kind kind, String rule, String message) {
        return new Decision.Refused(new Rejection(kind, rule, message));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }

}
