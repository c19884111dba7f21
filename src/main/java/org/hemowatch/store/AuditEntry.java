package org.hemowatch.store;

import java.time.Instant;

/**
 * One line of the audit log.
 *
 * @param subject    what was acted on (unit key, key id, alert id), may be null
 * @param detailJson details as a JSON document, may be null
 */
public record AuditEntry(Instant at, String actor, String action, String subject, String detailJson) {
}
