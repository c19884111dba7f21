package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a barcode scanner's byte stream into reads. A read ends with {@code CR}, {@code LF} or
 * {@code CR LF}; {@code CR LF} is one terminator even when split across chunks. Empty lines are
 * ignored. A read longer than the limit is dropped as {@code line-too-long}, one with a control or
 * non-ASCII byte as {@code bad-character}; either way the rest of it is skipped up to its terminator.
 * Not thread-safe; no I/O.
 */
public final class ScannerLineFramer {
    /** Generous for concatenated ISBT 128 data (DIN + group + product + expiry is about 50 characters). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 256;

    private final int maxLineLength;
    private final byte[] line;
    private int length;
    private boolean afterCr;
    private boolean discarding;

    public ScannerLineFramer() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public ScannerLineFramer(int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive, was " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        this.line = new byte[maxLineLength];
    }

    public List<FrameEvent> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    public List<FrameEvent> feed(byte[] chunk, int offset, int len) {
        List<FrameEvent> out = new ArrayList<>(1);
        for (int i = offset; i < offset + len; i++) {
            accept(chunk[i] & 0xFF, out);
        }
        return out;
    }

    /** Drops a partial read (port lost); returns it as {@code missing-terminator} if there was one. */
    public List<FrameEvent> reset() {
        List<FrameEvent> out = new ArrayList<>(1);
        if (length > 0 && !discarding) {
            out.add(FrameEvent.dropped(Rules.MISSING_TERMINATOR, "stream ended inside a read: " + Printable.excerpt(line, length)));
        }
        length = 0;
        afterCr = false;
        discarding = false;
        return out;
    }

    private void accept(int b, List<FrameEvent> out) {
        boolean swallowLf = afterCr && b == '\n';
        afterCr = false;
        if (swallowLf) {
            return;
        }
        if (b == '\r' || b == '\n') {
            afterCr = b == '\r';
            if (!discarding && length > 0) {
                out.add(new Frame(new String(line, 0, length, StandardCharsets.US_ASCII)));
            }
            length = 0;
            discarding = false;
            return;
        }
        if (discarding) {
            return;
        }
        if (b < 0x20 || b > 0x7E) {
            out.add(FrameEvent.dropped(Rules.BAD_CHARACTER, "byte " + Printable.escapeByte(b) + " in read: " + Printable.excerpt(line, length)));
            discarding = true;
        } else if (length == maxLineLength) {
            out.add(FrameEvent.dropped(Rules.LINE_TOO_LONG, "read longer than " + maxLineLength + " bytes: " + Printable.excerpt(line, length)));
            discarding = true;
        } else {
            line[length++] = (byte) b;
        }
    }
}
