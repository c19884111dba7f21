package org.hemowatch.coldchain;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.ReadingRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The retention of the temperature record: deletes readings measured more than
 * {@code coldChain.readingRetention} before now, a slice per write so the writer is never held for long.
 */
final class ReadingRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingRetention.class);
    private static final int SLICE = 10_000;

    private final GroupCommitWriter writer;
    private final Context context;
    private final Clock clock;
    private final Duration retention;

    ReadingRetention(GroupCommitWriter writer, Context context, Clock clock, Duration retention) {
        this.writer = writer;
        this.context = context;
        this.clock = clock;
        this.retention = retention;
    }

    /** Deletes what is past the retention; completes with how many readings were deleted. */
    Future<Integer> purge() {
        Instant cutoff = clock.instant().minus(retention);
        return purgeBefore(cutoff)
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("reading retention: {} readings measured before {} deleted", n, cutoff);
                    }
                })
                .onFailure(e -> LOG.warn("reading retention purge failed; it runs again tomorrow", e));
    }

    private Future<Integer> purgeBefore(Instant cutoff) {
        return Future.fromCompletionStage(writer.submit(tx -> ReadingRecords.deleteOlderThan(tx, cutoff, SLICE)), context)
                .compose(n -> n == SLICE ? purgeBefore(cutoff).map(more -> n + more) : Future.succeededFuture(n));
    }
}
