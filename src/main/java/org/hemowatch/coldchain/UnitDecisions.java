package org.hemowatch.coldchain;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hemowatch.auth.Principal;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.units.UnitWrites;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * A person's decision on a unit (release, discard, quarantine): the unit command and, when the
 * lifecycle accepts it, its audit entry {@code unit.<action>} (its detail: the comment, the principal's
 * id and, for a release or discard, the person's signature) are written in ONE transaction, so an accepted decision is never without its
 * audit entry and a refused one leaves neither. The HTTP routes only parse, check and answer.
 */
public final class UnitDecisions {

    private final Vertx vertx;
    private final GroupCommitWriter writer;
    private final UnitWrites writes;
    private final Clock clock;

    public UnitDecisions(Vertx vertx, GroupCommitWriter writer, UnitWrites writes, Clock clock) {
        this.vertx = vertx;
        this.writer = writer;
        this.writes = writes;
        this.clock = clock;
    }

    /**
     * Applies {@code action} to the committed unit {@code current} for {@code principal}, with
     * {@code comment} as the reason and {@code auditDetail} (JSON) as the audit entry's detail;
     * completes (on the caller's context) with the lifecycle's decision once it is stored, or fails
     * when the write failed (nothing is changed then).
     */
    public Future<Decision> decide(UnitAction action, BloodUnit current, Principal principal, String comment, String auditDetail) {
        Instant now = clock.instant();
        UnitCommand cmd = new UnitCommand(action, current.key(), null, current.site(), null, null, principal.name(), "api", comment,
                now, principal.id(), principal.name());
        return Future.fromCompletionStage(writer.submit(tx -> {
            Decision d = writes.applyIn(tx, cmd);
            if (d instanceof Decision.Accepted) {
                AuditRecords.append(tx, new AuditEntry(now, principal.name(), "unit." + action.name().toLowerCase(Locale.ROOT),
                        current.key().toString(), auditDetail, principal.id(), current.site()));
            }
            return d;
        }), vertx.getOrCreateContext());
    }
}
