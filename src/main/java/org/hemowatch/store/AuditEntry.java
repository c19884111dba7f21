package org.hemowatch.store;

import java.time.Instant;

/**
 * One line of the audit log.
 *
 * @param actor      who did it: the principal's name (or {@code system})
 * @param subject    what was acted on (unit key, key id, alert id), may be null
 * @param detailJson details as a JSON document, may be null
 * @param actorId    the principal's id (API key id), null for the service itself
 * @param site       the site the entry belongs to, or null when it concerns every site; a site-scoped
 *                   admin sees only entries of its site
 */
public record AuditEntry(Instant at, String actor, String action, String subject, String detailJson, String actorId, String site) {

    /** An entry of the service itself, not tied to one site. */
    public AuditEntry(Instant at, String actor, String action, String subject, String detailJson) {
        this(at, actor, action, subject, detailJson, null, null);
    }
}
