package org.hemowatch.store;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.rule.Rules;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.StockKey;
import org.hemowatch.json.JsonMappers;
import org.hemowatch.supply.Groups;
import org.hemowatch.supply.ParLevelJson;
import org.hemowatch.supply.SupplyStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link SupplyStore} in the database: par levels in the {@code documents} collection {@value #PAR_LEVELS}
 * by stock line ({@code site:RBC/O-}), written compare-and-set through {@link VersionedDocuments}; issues
 * from {@code unit_events}.
 */
public final class DocumentSupplyStore implements SupplyStore {

    public static final String PAR_LEVELS = "par-levels";

    /** A par level as stored: {@code {site, component, group, minimum, ideal, updatedBy, updated}}. */
    record Stored(String site, String component, String group, int minimum, int ideal, String updatedBy, String updated) {
    }


    private final Database database;
    private final GroupCommitWriter writer;
    private final ChangeLog changes;
    private final VersionedDocuments docs = new VersionedDocuments(PAR_LEVELS);

    public DocumentSupplyStore(Database database, GroupCommitWriter writer, ChangeLog changes) {
        this.database = database;
        this.writer = writer;
        this.changes = changes;
    }

    @Override
    public List<ParLevel> parLevels() {
        return database.read(docs::all).values().stream().map(DocumentSupplyStore::read).toList();
    }

    @Override
    public Optional<ParLevel> parLevel(String lineKey) {
        return database.read(c -> docs.get(c, lineKey)).map(DocumentSupplyStore::read);
    }

    @Override
    public List<UnitEvent> issuesSince(Instant since) {
        return database.read(c -> UnitRecords.eventsSince(c, since, UnitAction.ISSUE));
    }

    @Override
    public Optional<BloodUnit> unit(UnitKey key) {
        return Optional.ofNullable(database.read(c -> UnitRecords.find(c, key)));
    }

    @Override
    public CompletionStage<List<ParLevel>> putParLevels(List<ParLevel> levels, String actor, String actorId, Instant at) {
        List<ParLevel> copy = List.copyOf(levels);
        return writer.submit(tx -> {
            for (ParLevel p : copy) {
                String key = p.key().toString();
                ParLevelJson.Body d = ParLevelJson.Body.of(p); // also the audit detail
                String json = JsonMappers.writeSnapshot(new Stored(d.site(), d.component(), d.group(), d.minimum(), d.ideal(), actor, at.toString()));
                if (!docs.write(tx, key, json, at)) {
                    throw new RejectedException(Rejection.conflict(Rules.CONCURRENT_CHANGE, "the par level of " + key
                            + " was changed by another instance at the same moment; nothing was applied, look at it again"));
                }
                AuditRecords.append(tx, new AuditEntry(at, actor, "par-level.set", key, JsonMappers.writeSnapshot(d), actorId, p.key().site()));
                changes.record(tx, ChangeLog.Kind.PAR, key);
            }
            return copy;
        });
    }

    private static ParLevel read(String json) {
        Stored s = JsonMappers.readSnapshot(json, Stored.class);
        ComponentClass component = ComponentClass.parse(s.component())
                .orElseThrow(() -> new IllegalStateException("stored par level with unknown component '" + s.component() + "'"));
        var group = Groups.parse(s.group())
                .orElseThrow(() -> new IllegalStateException("stored par level with unknown group '" + s.group() + "'"));
        return new ParLevel(new StockKey(s.site(), component, group), s.minimum(), s.ideal());
    }
}
