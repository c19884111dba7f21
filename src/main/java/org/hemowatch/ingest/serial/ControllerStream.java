package org.hemowatch.ingest.serial;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Framer, decoder and mapper of one fridge-controller port in one pure object: bytes in, domain
 * readings/status reports or rejected lines out. Framing errors come out as {@link MappedLine.Rejected}
 * with the framing rule. Not thread-safe: feed it from the port's context only.
 */
public final class ControllerStream {
    private final ControllerLineFramer framer;
    private final ControllerLineDecoder decoder;
    private final ControllerLineMapper mapper;

    public ControllerStream(ControllerLineFramer framer, ControllerLineDecoder decoder, ControllerLineMapper mapper) {
        this.framer = Objects.requireNonNull(framer, "framer");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Default framer limit, mapper from the port's {@code site}/{@code devices}, source {@code serial:<path>}. */
    public static ControllerStream forPort(SerialPortConfig config) {
        if (config.kind() != SerialPortConfig.Kind.FRIDGE) {
            throw new IllegalArgumentException(config.path() + " is not a fridge port");
        }
        return new ControllerStream(new ControllerLineFramer(), new ControllerLineDecoder(),
                ControllerLineMapper.forPort(config));
    }

    /** Feeds one chunk that arrived at {@code arrival}; returns its complete lines in order. */
    public List<MappedLine> feed(byte[] chunk, Instant arrival) {
        return map(framer.feed(chunk), arrival);
    }

    /** Drops the partial line after the port was lost or reopened. */
    public List<MappedLine> reset(Instant now) {
        return map(framer.reset(), now);
    }

    public long skippedNoiseBytes() {
        return framer.skippedNoiseBytes();
    }

    private List<MappedLine> map(List<FrameEvent> events, Instant arrival) {
        List<MappedLine> out = new ArrayList<>(events.size());
        for (FrameEvent e : events) {
            if (e instanceof Frame f) {
                out.add(mapper.map(decoder.decode(f.text()), arrival));
            } else {
                out.add(new MappedLine.Rejected(((FrameEvent.Dropped) e).rejection()));
            }
        }
        return out;
    }
}
