package org.hemowatch.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hemowatch.store.ApiKeyRecords;
import org.hemowatch.store.ApiKeyRecord;
import org.hemowatch.store.AuditRecords;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.GroupCommitWriter;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys in force: an in-memory index by hash (for authenticating every request without a
 * database round trip) backed by the {@code api_keys} table, written through the group-commit
 * writer with an audit entry. A key is usable only after its insert committed.
 */
public final class ApiKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GroupCommitWriter writer;
    private final Clock clock;
    private final Map<String, ApiKeyRecord> byHash = new ConcurrentHashMap<>();
    private final Map<String, ApiKeyRecord> byId = new ConcurrentHashMap<>();

    private final ChangeLog changes;

    public ApiKeys(GroupCommitWriter writer, Clock clock, List<ApiKeyRecord> stored, ChangeLog changes) {
        this.writer = writer;
        this.clock = clock;
        this.changes = changes;
        stored.forEach(this::index);
    }

    /**
     * Follows the stored keys after another instance created or revoked one (from the change log):
     * every key in {@code stored} replaces this index's entry, so a revocation committed anywhere
     * takes effect here as soon as it is followed.
     */
    public void follow(List<ApiKeyRecord> stored) {
        stored.forEach(this::index);
    }

    /** A key as returned once at creation: the secret is never stored nor shown again. */
    public record IssuedKey(ApiKeyRecord record, String secret) {
    }

    private void index(ApiKeyRecord r) {
        byId.put(r.id(), r);
        if (r.revoked() == null) {
            byHash.put(r.keyHash(), r);
        } else {
            byHash.remove(r.keyHash());
        }
    }

    /** The caller a bearer secret belongs to, if the key exists and is not revoked. */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        ApiKeyRecord r = byHash.get(ApiKeyHashing.hash(secret));
        if (r == null || r.revoked() != null) {
            return Optional.empty();
        }
        return Optional.of(new Principal(r.id(), r.name(), Role.parse(r.role()).orElseThrow(), r.site()));
    }

    /** True when at least one key is active (the first start creates an admin key otherwise). */
    public boolean anyActive() {
        return !byHash.isEmpty();
    }

    /** Keys, newest first, without secrets. */
    public List<ApiKeyRecord> list() {
        return byId.values().stream().sorted(Comparator.comparing(ApiKeyRecord::created).reversed()).toList();
    }

    /** Creates a key; completes after its commit with the secret (shown once). */
    public CompletableFuture<IssuedKey> create(Role role, String site, String name, String actor) {
        String secret = ApiKeyHashing.newKey();
        Instant now = clock.instant();
        ApiKeyRecord record = new ApiKeyRecord(ApiKeyHashing.newId(), name, role.id(), site, ApiKeyHashing.hash(secret), now, null);
        return writer.submit(tx -> {
            ApiKeyRecords.insert(tx, record);
            changes.record(tx, ChangeLog.Kind.KEY, record.id());
            AuditRecords.append(tx, new AuditEntry(now, actor, "key.create", "key/" + record.id(),
                    JSON.createObjectNode().put("role", role.id()).put("site", site).put("name", name).toString()));
            tx.afterCommit(() -> index(record));
            return new IssuedKey(record, secret);
        });
    }

    /** Revokes a key; completes with false if no such active key exists. */
    public CompletableFuture<Boolean> revoke(String id, String actor) {
        Instant now = clock.instant();
        return writer.submit(tx -> {
            boolean revoked = ApiKeyRecords.revoke(tx, id, now);
            if (revoked) {
                changes.record(tx, ChangeLog.Kind.KEY, id);
                AuditRecords.append(tx, new AuditEntry(now, actor, "key.revoke", "key/" + id, "{}"));
                ApiKeyRecord old = byId.get(id);
                if (old != null) {
                    ApiKeyRecord updated = new ApiKeyRecord(old.id(), old.name(), old.role(), old.site(), old.keyHash(), old.created(), now);
                    tx.afterCommit(() -> index(updated));
                }
            }
            return revoked;
        });
    }
}
