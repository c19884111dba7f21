package org.hemowatch.ingest;

import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.ReadingRecords;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one ingestion path for temperature readings and device status reports, whatever the
 * transport. A batch is stored in one write; duplicates (same device and seq) are acknowledged
 * but stored once. Listeners see only newly stored readings, after COMMIT.
 */
public final class ReadingIngest {

    /** Physically plausible range for any probe in blood storage (ultra-low freezers to a hot room). */
    static final double MIN_PLAUSIBLE_C = -100.0;
    static final double MAX_PLAUSIBLE_C = 80.0;

    private final GroupCommitWriter writer;
    private volatile DeviceAdmission admission = (site, device) -> Optional.empty();
    private final List<Consumer<List<TemperatureReading>>> readingListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<DeviceStatusReport>> statusListeners = new CopyOnWriteArrayList<>();

    public ReadingIngest(GroupCommitWriter writer) {
        this.writer = writer;
    }

    /**
     * Decides whether readings of a device are accepted: the device registry either knows the
     * device, registers it, or refuses it (rule {@code unknown-device}).
     */
    @FunctionalInterface
    public interface DeviceAdmission {
        /** Empty to accept; an error to refuse. Called on the caller's thread; must not block. */
        Optional<IngestError> admit(String site, String device);
    }

    /** Installs the device registry's admission policy (default: accept every device). */
    public void setAdmission(DeviceAdmission admission) {
        this.admission = admission;
    }

    /** Outcome of one batch: how many were new and how many were duplicates already stored. */
    public record Stored(int stored, int duplicates) {
    }

    /** Registers a listener for newly committed readings (runs on the writer thread: hand over, never block). */
    public void onReadings(Consumer<List<TemperatureReading>> listener) {
        readingListeners.add(listener);
    }

    /** Registers a listener for device status reports (runs on the caller's thread). */
    public void onStatus(Consumer<DeviceStatusReport> listener) {
        statusListeners.add(listener);
    }

    /** Checks a reading's values; throws {@link IngestException} naming the rule. */
    public static void validate(TemperatureReading r) {
        if (Double.isNaN(r.tempC()) || Double.isInfinite(r.tempC())) {
            throw new IngestException(IngestError.invalid("bad-temperature", "tempC must be a finite number"));
        }
        if (r.tempC() < MIN_PLAUSIBLE_C || r.tempC() > MAX_PLAUSIBLE_C) {
            throw new IngestException(IngestError.invalid("temperature-out-of-bounds", "tempC " + r.tempC()
                    + " is outside the plausible range " + MIN_PLAUSIBLE_C + " to " + MAX_PLAUSIBLE_C + " °C: a broken probe?"));
        }
        if (!"air".equals(r.probe()) && !"product".equals(r.probe())) {
            throw new IngestException(IngestError.invalid("bad-probe", "probe must be 'air' or 'product', got '" + r.probe() + "'"));
        }
    }

    /** Validates and stores a batch in one write; completes after COMMIT. */
    public CompletableFuture<Stored> record(List<TemperatureReading> readings) {
        try {
            for (TemperatureReading r : readings) {
                validate(r);
                Optional<IngestError> refused = admission.admit(r.site(), r.device());
                if (refused.isPresent()) {
                    throw new IngestException(refused.get());
                }
            }
        } catch (IngestException e) {
            return CompletableFuture.failedFuture(e);
        }
        return writer.submit(tx -> {
            List<TemperatureReading> fresh = new ArrayList<>(readings.size());
            for (TemperatureReading r : readings) {
                if (ReadingRecords.insert(tx, r)) {
                    fresh.add(r);
                }
            }
            if (!fresh.isEmpty()) {
                tx.afterCommit(() -> readingListeners.forEach(l -> l.accept(fresh)));
            }
            return new Stored(fresh.size(), readings.size() - fresh.size());
        });
    }

    /** Passes a device status report to the listeners (status reports are state, kept by the cold-chain monitor). */
    public void status(DeviceStatusReport report) {
        statusListeners.forEach(l -> l.accept(report));
    }
}
