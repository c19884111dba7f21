package org.hemowatch.store;

/** Observes the {@link GroupCommitWriter} (metrics). Called on the writer thread; must be quick. */
public interface WriterListener {
    /** A batch of {@code tasks} tasks committed (tasks that failed individually are included in the count). */
    void batchCommitted(int tasks, long commitNanos);

    /** A batch of {@code tasks} tasks was rolled back as a whole; every future of the batch failed. */
    void batchFailed(int tasks, Throwable cause);

    /** A listener that does nothing. */
    WriterListener NONE = new WriterListener() {
        @Override
        public void batchCommitted(int tasks, long commitNanos) {
        }

        @Override
        public void batchFailed(int tasks, Throwable cause) {
        }
    };
}
