package org.hemowatch.ingest.serial;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Framer and assembler of one scanner port: bytes in, closed scans and dropped reads out. The
 * caller (the serial adapter) schedules {@link #tick} at {@link #closesAt()} so a group closes after
 * the quiet time even when no further read comes. Pure; not thread-safe.
 */
public final class ScannerStream {
    private final ScannerLineFramer framer;
    private final ScanAssembler assembler;

    public ScannerStream(ScannerLineFramer framer, ScanAssembler assembler) {
        this.framer = Objects.requireNonNull(framer, "framer");
        this.assembler = Objects.requireNonNull(assembler, "assembler");
    }

    public static ScannerStream forPort(SerialPortConfig config) {
        if (config.kind() != SerialPortConfig.Kind.SCANNER) {
            throw new IllegalArgumentException(config.path() + " is not a scanner port");
        }
        return new ScannerStream(new ScannerLineFramer(), new ScanAssembler(config.quietTime()));
    }

    public List<ScannerOutput> feed(byte[] chunk, Instant arrival) {
        List<ScannerOutput> out = new ArrayList<>(1);
        for (FrameEvent e : framer.feed(chunk)) {
            if (e instanceof Frame f) {
                assembler.accept(f.text(), arrival).ifPresent(s -> out.add(new ScannerOutput.Scan(s)));
            } else {
                out.add(new ScannerOutput.Dropped(((FrameEvent.Dropped) e).rejection()));
            }
        }
        return out;
    }

    public Optional<AssembledScan> tick(Instant now) {
        return assembler.tick(now);
    }

    public Optional<Instant> closesAt() {
        return assembler.closesAt();
    }

    /** Port lost or shutting down: drops the partial read and closes the open group. */
    public List<ScannerOutput> flush() {
        List<ScannerOutput> out = new ArrayList<>(2);
        framer.reset().forEach(e -> out.add(new ScannerOutput.Dropped(((FrameEvent.Dropped) e).rejection())));
        assembler.flush().ifPresent(s -> out.add(new ScannerOutput.Scan(s)));
        return out;
    }

    public long doubleReads() {
        return assembler.doubleReads();
    }
}
