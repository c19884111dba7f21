package org.hemowatch.auth;

import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.SessionRecord;
import org.hemowatch.store.SessionRecords;
import org.hemowatch.store.Tx;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions: 256-bit random ids, of which only the SHA-256 is kept (in memory and in the
 * {@code sessions} table, so sessions survive a restart). A session ends after {@code idle} without
 * a request or {@code lifetime} after login, whichever comes first; {@code last_seen} is written at
 * most once a minute per session so that a busy console does not load the writer.
 * A session is usable only after its insert committed.
 */
public final class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final GroupCommitWriter writer;
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;
    private final Map<String, SessionRecord> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> persistedSeen = new ConcurrentHashMap<>();

    public Sessions(GroupCommitWriter writer, Clock clock, AuthConfig config, List<SessionRecord> stored) {
        this.writer = writer;
        this.clock = clock;
        this.idle = config.sessionIdle();
        this.lifetime = config.sessionLifetime();
        stored.forEach(s -> {
            byHash.put(s.idHash(), s);
            persistedSeen.put(s.idHash(), s.lastSeen());
        });
    }

    /** A new session as handed to the browser once: the id goes into the cookie, the CSRF token to the page. */
    public record Opened(String id, SessionRecord record) {
    }

    public CompletableFuture<Opened> open(String username) {
        String id = random();
        Instant now = clock.instant();
        SessionRecord r = new SessionRecord(ApiKeyHashing.hash(id), username, random(), now, now);
        return writer.submit(tx -> {
            SessionRecords.insert(tx, r);
            tx.afterCommit(() -> {
                byHash.put(r.idHash(), r);
                persistedSeen.put(r.idHash(), now);
            });
            return new Opened(id, r);
        });
    }

    /** The live session of a cookie value, marked as used now; an expired one is ended. */
    public Optional<SessionRecord> use(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String hash = ApiKeyHashing.hash(id);
        SessionRecord s = byHash.get(hash);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.created().plus(lifetime))) {
            end(hash);
            return Optional.empty();
        }
        SessionRecord seen = s.seenAt(now);
        byHash.put(hash, seen);
        Instant persisted = persistedSeen.getOrDefault(hash, s.created());
        if (!now.isBefore(persisted.plus(TOUCH_EVERY))) {
            persistedSeen.put(hash, now);
            writer.submit(tx -> {
                SessionRecords.touch(tx, hash, now);
                return null;
            });
        }
        return Optional.of(seen);
    }

    /** Ends the session of a cookie value (logout); completes after the delete committed. */
    public CompletableFuture<Void> close(String id) {
        return id == null ? CompletableFuture.completedFuture(null) : end(ApiKeyHashing.hash(id));
    }

    /** Ends every session of a user, inside the caller's write (password reset, account deleted). */
    public void endAllIn(Tx tx, String username) throws SQLException {
        SessionRecords.deleteForUser(tx, username);
        tx.afterCommit(() -> byHash.values().removeIf(s -> s.username().equals(username)));
    }

    /** Number of live sessions (a gauge). */
    public int count() {
        return byHash.size();
    }

    private CompletableFuture<Void> end(String hash) {
        byHash.remove(hash);
        persistedSeen.remove(hash);
        return writer.submit(tx -> {
            SessionRecords.delete(tx, hash);
            return null;
        });
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
