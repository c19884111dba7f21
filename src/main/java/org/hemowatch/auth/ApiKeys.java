package org.hemowatch.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hemowatch.store.ApiKeyRecord;
import org.hemowatch.store.ApiKeyRecords;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;
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
 * writer with an audit entry. A key is usable only after its insert committed; a revoked key stops
 * authenticating at its commit, and the {@link RevocationBus} is told then, so open MQTT
 * connections and SSE streams of that key close.
 */
public final class ApiKeys {

    private final GroupCommitWriter writer;
    private final Clock clock;
    private final RevocationBus revocations;
    private final Map<String, ApiKeyRecord> byHash = new ConcurrentHashMap<>();
    private final Map<String, ApiKeyRecord> revokedByHash = new ConcurrentHashMap<>();
    private final Map<String, ApiKeyRecord> byId = new ConcurrentHashMap<>();

    private final ChangeLog changes;

    public ApiKeys(GroupCommitWriter writer, Clock clock, List<ApiKeyRecord> stored, RevocationBus revocations, ChangeLog changes) {
        this.writer = writer;
        this.clock = clock;
        this.revocations = revocations;
        this.changes = changes;
        stored.forEach(this::index);
    }

    /**
     * Follows the stored keys after another instance created or revoked one (from the change log):
     * every key in {@code stored} replaces this index's entry, and a key that became revoked is
     * announced on the {@link RevocationBus}, so a revocation committed on any instance closes what
     * the key holds open here too, as soon as it is followed.
     */
    public void follow(List<ApiKeyRecord> stored) {
        for (ApiKeyRecord r : stored) {
            ApiKeyRecord before = byId.get(r.id());
            index(r);
            if (r.revoked() != null && (before == null || before.revoked() == null)) {
                revocations.revoked(r.id());
            }
        }
    }

    /** Where revocations of keys are announced (after their commit): subscribe to close what a key holds open. */
    public RevocationBus revocations() {
        return revocations;
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
            revokedByHash.put(r.keyHash(), r);
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
        return Optional.of(KeyPrincipal.of(r));
    }

    /** The id of the revoked key a secret belonged to, if it did (to throttle retries of one key by its id). */
    public Optional<String> revokedIdOf(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(revokedByHash.get(ApiKeyHashing.hash(secret))).map(ApiKeyRecord::id);
    }

    /** True when at least one key is active (the first start creates an admin key otherwise). */
    public boolean anyActive() {
        return !byHash.isEmpty();
    }

    /** Keys, newest first, without secrets. */
    public List<ApiKeyRecord> list() {
        return byId.values().stream().sorted(Comparator.comparing(ApiKeyRecord::created).reversed()).toList();
    }

    /** The principal of key {@code id} as stored, revoked or not. */
    public Optional<ApiKeyRecord> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Creates a key; completes after its commit with the secret (shown once). The audit entry names
     * the creating principal, the key's site and, for a device key, its ids or that it is a gateway.
     *
     * @param devices the device scope of a device key; {@link DeviceScope#NONE} for other roles
     * @param actor   who creates it (null for the service's own first admin key)
     */
    public CompletableFuture<IssuedKey> create(Role role, String site, String name, DeviceScope devices, Principal actor) {
        boolean speaksForDevices = devices != DeviceScope.NONE && !devices.legacy();
        if ((role == Role.DEVICE) != speaksForDevices) {
            throw new IllegalArgumentException("a device key needs its device ids (or the gateway '*'); other roles speak for no device");
        }
        String secret = ApiKeyHashing.newKey();
        Instant now = clock.instant();
        ApiKeyRecord record = new ApiKeyRecord(ApiKeyHashing.newId(), name, role.id(), site, ApiKeyHashing.hash(secret), now, null,
                role == Role.DEVICE ? devices.toStored() : null);
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("role", role.id()).put("site", site).put("name", name);
        if (role == Role.DEVICE) {
            ArrayNode ids = detail.putArray("devices");
            devices.asList().forEach(ids::add);
            detail.put("gateway", devices.gateway());
        }
        return writer.submit(tx -> {
            ApiKeyRecords.insert(tx, record);
            changes.record(tx, ChangeLog.Kind.KEY, record.id());
            AuditRecords.append(tx, entry(now, actor, "key.create", record, detail.toString()));
            tx.afterCommit(() -> index(record));
            return new IssuedKey(record, secret);
        });
    }

    /** Revokes a key; completes with false if no such active key exists. Subscribers of the bus hear of it after the commit. */
    public CompletableFuture<Boolean> revoke(String id, Principal actor) {
        Instant now = clock.instant();
        return writer.submit(tx -> {
            boolean revoked = ApiKeyRecords.revoke(tx, id, now);
            if (revoked) {
                changes.record(tx, ChangeLog.Kind.KEY, id);
                ApiKeyRecord old = byId.get(id);
                AuditRecords.append(tx, entry(now, actor, "key.revoke", old, "{}"));
                if (old != null) {
                    tx.afterCommit(() -> {
                        index(old.withRevoked(now));
                        revocations.revoked(id);
                    });
                }
            }
            return revoked;
        });
    }

    private static AuditEntry entry(Instant now, Principal actor, String action, ApiKeyRecord key, String detail) {
        String subject = key == null ? null : "key/" + key.id();
        return new AuditEntry(now, actor == null ? "system" : actor.name(), action, subject, detail,
                actor == null ? null : actor.id(), key == null ? null : key.site());
    }
}
