package org.hemowatch.store;

import java.util.concurrent.CompletableFuture;

/** A queued write and, once run, its outcome. Fields are touched only by the writer thread after queueing. */
final class PendingWrite<R> {
    final WriteTask<R> task;
    final CompletableFuture<R> future = new CompletableFuture<>();
    /** May wait for company: see {@link GroupCommitWriter#submitLingering}. */
    final boolean lingers;
    WriterTx tx;
    boolean rollbackHooksPending;
    R result;
    Throwable error;
    Throwable batchFailure;

    PendingWrite(WriteTask<R> task) {
        this(task, false);
    }

    PendingWrite(WriteTask<R> task, boolean lingers) {
        this.task = task;
        this.lingers = lingers;
    }

    void run() throws Exception {
        rollbackHooksPending = true;
        result = task.apply(tx);
    }

    /** Runs the afterRollback hooks once, if the task ran and they have not run yet. */
    void rolledBack() {
        if (rollbackHooksPending) {
            rollbackHooksPending = false;
            tx.runRollbackHooks();
        }
    }

    void finish(StoreException batchFailed) {
        if (error != null) {
            future.completeExceptionally(error);
        } else if (batchFailed != null) {
            future.completeExceptionally(batchFailed);
        } else {
            future.complete(result);
        }
    }
}
