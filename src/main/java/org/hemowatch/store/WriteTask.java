package org.hemowatch.store;

/**
 * One unit of work for the {@link GroupCommitWriter}. It runs on the writer thread inside its own
 * savepoint of a shared transaction; it must not commit, roll back or change auto-commit itself.
 * Throwing rolls back only this task's changes and fails only this task's future.
 */
@FunctionalInterface
public interface WriteTask<R> {
    R apply(Tx tx) throws Exception;
}
