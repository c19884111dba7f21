package org.hemowatch.auth;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hemowatch.json.JsonMappers;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.UserRecord;
import org.hemowatch.store.UserRecords;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Personal accounts: an in-memory index backed by the {@code users} table, written through the
 * group-commit writer with an audit entry (never with the password). Argon2id hashing and checking
 * run on {@code hashing}, never on an event loop or the writer thread. Changes take effect after commit.
 *
 * <p>Contract: every method validates first and completes exceptionally with {@link RejectedException}
 * (a rule name) without writing anything when the input is refused.
 */
public final class UserAccounts {

    /** Roles a person may hold (devices authenticate with keys). */
    public static final Set<Role> PERSON_ROLES = Set.of(Role.ADMIN, Role.TECHNICIAN, Role.HOSPITAL, Role.STATION);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final ObjectMapper JSON = JsonMappers.WIRE;

    private final GroupCommitWriter writer;
    private final Clock clock;
    private final Executor hashing;
    private final Sessions sessions;
    private final Function<String, Optional<UserRecord>> storeLookup;
    private final RevocationBus revocations;
    private final Map<String, UserRecord> byName = new ConcurrentHashMap<>();
    /** Checked against when the username is unknown, so that the answer takes as long as for a known one. */
    private final String decoyHash;

    /**
     * @param storeLookup reads one user from the store (blocking): finds an account that {@code users add}
     *                    created while the service ran
     * @param revocations told (after commit) when a user's sessions end by reset or deletion, so open streams close
     */
    public UserAccounts(GroupCommitWriter writer, Clock clock, Executor hashing, Sessions sessions, List<UserRecord> stored,
                        Function<String, Optional<UserRecord>> storeLookup, RevocationBus revocations) {
        this.writer = writer;
        this.revocations = revocations;
        this.storeLookup = storeLookup;
        this.clock = clock;
        this.hashing = hashing;
        this.sessions = sessions;
        stored.forEach(u -> byName.put(u.username(), u));
        this.decoyHash = Passwords.hash("decoy-" + System.nanoTime());
    }

    public Optional<UserRecord> find(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(byName.get(username.toLowerCase(Locale.ROOT)));
    }

    public List<UserRecord> list() {
        return byName.values().stream().sorted(Comparator.comparing(UserRecord::username)).toList();
    }

    public boolean any() {
        return !byName.isEmpty();
    }

    /** Creates an account; completes after its commit. */
    public CompletableFuture<UserRecord> create(String username, Role role, String site, String password, String actor) {
        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            return refused("username-invalid", "a username is 2 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (!PERSON_ROLES.contains(role)) {
            return refused("role-not-personal", "a person's role is one of admin, technician, hospital, station");
        }
        Optional<Rejection> weak = Passwords.check(name, password);
        if (weak.isPresent()) {
            return CompletableFuture.failedFuture(new RejectedException(weak.get()));
        }
        if (byName.containsKey(name)) {
            return CompletableFuture.failedFuture(new RejectedException(Rejection.conflict("username-taken", "a user named '" + name + "' exists")));
        }
        return CompletableFuture.supplyAsync(() -> Passwords.hash(password), hashing).thenCompose(hash -> writer.submit(tx -> {
            Instant now = clock.instant();
            UserRecord u = new UserRecord(name, role.id(), site, hash, now, now);
            UserRecords.insert(tx, u);
            // the entry belongs to the user's site: a site-scoped admin sees what happened to its site's accounts
            AuditRecords.append(tx, new AuditEntry(now, actor, "user.create", "user/" + name,
                    JSON.createObjectNode().put("role", role.id()).put("site", site).toString(), null, site));
            tx.afterCommit(() -> byName.put(name, u));
            return u;
        }));
    }

    /**
     * The account whose password this is, or empty for an unknown user or a wrong password (the two are
     * not told apart, and take the same time).
     */
    public CompletableFuture<Optional<UserRecord>> verify(String username, String password) {
        return CompletableFuture.supplyAsync(() -> {
            Optional<UserRecord> u = find(username).or(() -> loadFromStore(username));
            boolean ok = Passwords.matches(password, u.map(UserRecord::passwordHash).orElse(decoyHash));
            return ok ? u : Optional.<UserRecord>empty();
        }, hashing);
    }

    private Optional<UserRecord> loadFromStore(String username) {
        if (username == null || !USERNAME.matcher(username.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.empty();
        }
        Optional<UserRecord> u = storeLookup.apply(username.toLowerCase(Locale.ROOT));
        u.ifPresent(x -> byName.putIfAbsent(x.username(), x));
        return u;
    }

    /** Sets a new password (the person's own change, or an admin's reset) and ends the user's sessions when {@code endSessions}. */
    public CompletableFuture<UserRecord> setPassword(String username, String password, String actor, String action, boolean endSessions) {
        Optional<UserRecord> u = find(username);
        if (u.isEmpty()) {
            return CompletableFuture.failedFuture(new RejectedException(Rejection.unknown("user-unknown", "no user named '" + username + "'")));
        }
        Optional<Rejection> weak = Passwords.check(u.get().username(), password);
        if (weak.isPresent()) {
            return CompletableFuture.failedFuture(new RejectedException(weak.get()));
        }
        String name = u.get().username();
        return CompletableFuture.supplyAsync(() -> Passwords.hash(password), hashing).thenCompose(hash -> writer.submit(tx -> {
            Instant now = clock.instant();
            if (!UserRecords.setPassword(tx, name, hash, now)) {
                throw new RejectedException(Rejection.unknown("user-unknown", "no user named '" + name + "'"));
            }
            AuditRecords.append(tx, new AuditEntry(now, actor, action, "user/" + name, "{}", null, u.get().site()));
            if (endSessions) {
                sessions.endAllIn(tx, name);
                tx.afterCommit(() -> revocations.revoked(UserPrincipal.idOf(name)));
            }
            UserRecord updated = byName.get(name).withPassword(hash, now);
            tx.afterCommit(() -> byName.put(name, updated));
            return updated;
        }));
    }

    /** Deletes an account and ends its sessions; completes with false when there is no such user. */
    public CompletableFuture<Boolean> delete(String username, String actor) {
        String name = username.toLowerCase(Locale.ROOT);
        String site = find(name).map(UserRecord::site).orElse(null);
        return writer.submit(tx -> {
            boolean deleted = UserRecords.delete(tx, name);
            if (deleted) {
                AuditRecords.append(tx, new AuditEntry(clock.instant(), actor, "user.delete", "user/" + name, "{}", null, site));
                sessions.endAllIn(tx, name);
                tx.afterCommit(() -> {
                    byName.remove(name);
                    revocations.revoked(UserPrincipal.idOf(name));
                });
            }
            return deleted;
        });
    }

    private static <T> CompletableFuture<T> refused(String rule, String detail) {
        return CompletableFuture.failedFuture(new RejectedException(Rejection.invalid(rule, detail)));
    }
}
