package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the byte stream of a refrigerator-controller port into {@code $...*HH} frames.
 *
 * <p>Explicit state machine, fed with whatever chunks the port delivers:
 * <ul>
 *   <li>{@link State#HUNT}: bytes before a {@code $} are line noise; they are skipped and counted
 *       ({@link #skippedNoiseBytes()}).</li>
 *   <li>{@link State#IN_FRAME}: collecting printable ASCII after {@code $}. {@code LF} ends the frame;
 *       {@code CR} moves to {@link State#AFTER_CR}. A new {@code $} means the previous frame lost its
 *       terminator: it is dropped as {@code missing-terminator} and a new frame starts (resync).
 *       A control or non-ASCII byte drops the frame as {@code bad-character}; more than
 *       {@code maxLineLength} bytes drop it as {@code line-too-long}.</li>
 *   <li>{@link State#AFTER_CR}: only {@code LF} completes the frame ({@code CR LF}); anything else drops it
 *       as {@code missing-terminator} and is examined again in {@code HUNT}.</li>
 *   <li>{@link State#DISCARD}: the rest of a dropped line is skipped up to its {@code LF} or up to the
 *       next {@code $}.</li>
 * </ul>
 * Not thread-safe: one instance per port, fed from one thread or context. No I/O.
 */
public final class ControllerLineFramer {
    /** NMEA 0183's limit: {@code $} through the checksum, terminator not counted. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 82;

    /** Framer states; exposed for diagnostics and tests. */
    public enum State { HUNT, IN_FRAME, AFTER_CR, DISCARD }

    private final int maxLineLength;
    private final byte[] line;
    private int length;
    private State state = State.HUNT;
    private long skippedNoiseBytes;

    public ControllerLineFramer() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    /** @param maxLineLength longest accepted frame in bytes, from {@code $} to the last checksum digit */
    public ControllerLineFramer(int maxLineLength) {
        if (maxLineLength < 8) {
            throw new IllegalArgumentException("maxLineLength must be at least 8, was " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        this.line = new byte[maxLineLength];
    }

    /** Feeds one chunk; returns the frames and errors it completed, in stream order. */
    public List<FrameEvent> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /** Feeds {@code len} bytes of {@code chunk} from {@code offset}. */
    public List<FrameEvent> feed(byte[] chunk, int offset, int len) {
        List<FrameEvent> out = new ArrayList<>(2);
        for (int i = offset; i < offset + len; i++) {
            accept(chunk[i] & 0xFF, out);
        }
        return out;
    }

    /** Drops any partial frame, e.g. after the port was reopened; returns it as an error if there was one. */
    public List<FrameEvent> reset() {
        List<FrameEvent> out = new ArrayList<>(1);
        if (state == State.IN_FRAME || state == State.AFTER_CR) {
            out.add(FrameEvent.dropped(Rules.MISSING_TERMINATOR, "stream ended inside a frame: " + Printable.excerpt(line, length)));
        }
        state = State.HUNT;
        length = 0;
        return out;
    }

    public State state() {
        return state;
    }

    /** Bytes skipped while hunting for {@code $} (not counting the rest of dropped lines). */
    public long skippedNoiseBytes() {
        return skippedNoiseBytes;
    }

    private void accept(int b, List<FrameEvent> out) {
        switch (state) {
            case HUNT -> {
                if (b == '$') {
                    startFrame();
                } else {
                    skippedNoiseBytes++;
                }
            }
            case IN_FRAME -> {
                if (b == '\n') {
                    out.add(new Frame(new String(line, 0, length, java.nio.charset.StandardCharsets.US_ASCII)));
                    state = State.HUNT;
                } else if (b == '\r') {
                    state = State.AFTER_CR;
                } else if (b == '$') {
                    out.add(FrameEvent.dropped(Rules.MISSING_TERMINATOR, "new '$' before the end of: " + Printable.excerpt(line, length)));
                    startFrame();
                } else if (b < 0x20 || b > 0x7E) {
                    out.add(FrameEvent.dropped(Rules.BAD_CHARACTER, "byte " + Printable.escapeByte(b) + " inside frame: " + Printable.excerpt(line, length)));
                    state = State.DISCARD;
                } else if (length == maxLineLength) {
                    out.add(FrameEvent.dropped(Rules.LINE_TOO_LONG, "frame longer than " + maxLineLength + " bytes: " + Printable.excerpt(line, length)));
                    state = State.DISCARD;
                } else {
                    line[length++] = (byte) b;
                }
            }
            case AFTER_CR -> {
                if (b == '\n') {
                    out.add(new Frame(new String(line, 0, length, java.nio.charset.StandardCharsets.US_ASCII)));
                    state = State.HUNT;
                } else {
                    out.add(FrameEvent.dropped(Rules.MISSING_TERMINATOR, "CR not followed by LF after: " + Printable.excerpt(line, length)));
                    state = State.HUNT;
                    accept(b, out);
                }
            }
            case DISCARD -> {
                if (b == '$') {
                    startFrame();
                } else if (b == '\n') {
                    state = State.HUNT;
                }
            }
        }
    }

    private void startFrame() {
        line[0] = '$';
        length = 1;
        state = State.IN_FRAME;
    }
}
