package org.hemowatch.supply;

import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.rule.Rules;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Database;
import org.hemowatch.store.Tx;
import org.hemowatch.store.VersionedDocuments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Par levels set over the API, in the {@code documents} collection {@value #COLLECTION} by stock line,
 * written compare-and-set ({@link VersionedDocuments}) with an audit entry and a change-log row each, so
 * several instances agree: a PUT over a par level another instance changed since this one read it is
 * {@code concurrent-change} with nothing applied, and every instance follows each committed change.
 */
final class ParLevelStore {

    static final String COLLECTION = "par-levels";

    private final Database database;
    private final ChangeLog changes;
    private final VersionedDocuments docs = new VersionedDocuments(COLLECTION);

    ParLevelStore(Database database, ChangeLog changes) {
        this.database = database;
        this.changes = changes;
    }

    /** Every stored par level (blocking). */
    List<ParLevel> loadAll() {
        return database.read(docs::all).values().stream().map(json -> ParLevelJson.fromJson(new JsonObject(json))).toList();
    }

    /** One stored par level by its line key (blocking), for following another instance's change. */
    Optional<ParLevel> find(String lineKey) {
        return database.read(c -> docs.get(c, lineKey)).map(json -> ParLevelJson.fromJson(new JsonObject(json)));
    }

    /** Writes the par levels in {@code tx}; throws a concurrent-change conflict (nothing applied) if one changed elsewhere. */
    void write(Tx tx, List<ParLevel> levels, String actor, String actorId, Instant now) throws Exception {
        for (ParLevel p : levels) {
            String key = p.key().toString();
            String json = ParLevelJson.toJson(p).put("updatedBy", actor).put("updated", now.toString()).encode();
            if (!docs.write(tx, key, json, now)) {
                throw new RejectedException(Rejection.conflict(Rules.CONCURRENT_CHANGE, "the par level of " + key
                        + " was changed by another instance at the same moment; nothing was applied, look at it again"));
            }
            AuditRecords.append(tx, new AuditEntry(now, actor, "par-level.set", key, ParLevelJson.toJson(p).encode(), actorId, p.key().site()));
            changes.record(tx, ChangeLog.Kind.PAR, key);
        }
    }
}
