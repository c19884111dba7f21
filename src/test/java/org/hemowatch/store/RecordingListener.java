package org.hemowatch.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the writer reported. */
final class RecordingListener implements WriterListener {
    final List<Integer> committedBatches = new CopyOnWriteArrayList<>();
    final List<Long> commitTimes = new CopyOnWriteArrayList<>();
    final List<Integer> failedBatches = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @Override
    public void batchCommitted(int tasks, long commitNanos) {
        committedBatches.add(tasks);
        commitTimes.add(commitNanos);
    }

    @Override
    public void batchFailed(int tasks, Throwable cause) {
        failedBatches.add(tasks);
        failures.add(cause);
    }

    int committedTasks() {
        return committedBatches.stream().mapToInt(Integer::intValue).sum();
    }
}
