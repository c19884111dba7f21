package org.hemowatch.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Stored scan sequence numbers ({@code scan_seqs}, migration V4): a scan's {@code seq} is claimed
 * per publisher (the key that sent it), site and scanner, in the transaction that applies the scan.
 * So a redelivery is recognised by every instance and after a restart; the same seq from another
 * key is another scan; and a scan that is refused rolls its claim back with it, never occupying the seq.
 */
public final class ScanSeqRecords {

    /** A seq claimed longer ago than this may be claimed again (a scanner restarted its counter). */
    public static final Duration WINDOW = Duration.ofHours(24);

    private ScanSeqRecords() {
    }

    /**
     * Claims {@code seq} for the publisher's scanner at {@code now}: true when it was free (or its
     * claim older than {@link #WINDOW}), false when a scan with this seq was applied within the window.
     */
    public static boolean claim(Tx tx, String publisher, String site, String scanner, long seq, Instant now) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("""
                INSERT INTO scan_seqs (publisher, site, scanner, seq, at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (publisher, site, scanner, seq) DO UPDATE SET at = excluded.at
                WHERE scan_seqs.at < ?
                """)) {
            ps.setString(1, publisher);
            ps.setString(2, site);
            ps.setString(3, scanner);
            ps.setLong(4, seq);
            ps.setLong(5, now.toEpochMilli());
            ps.setLong(6, now.minus(WINDOW).toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }
}
