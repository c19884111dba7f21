package org.hemowatch.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Site leases ({@code site_leases}, migration V4): one owner per site for its timers and rules.
 * A lease is a row (site, owner, expires); its owner renews it, anyone takes it once it expired.
 * Both statements are single-row compare-and-set writes, so two instances never both succeed.
 */
public final class SiteLeaseRecords {
    private SiteLeaseRecords() {
    }

    /**
     * Takes or renews the lease of {@code site} for {@code owner} until {@code expiresMillis}: true
     * when {@code owner} holds it now (it was free, expired at {@code nowMillis}, or already its own).
     */
    public static boolean acquire(Tx tx, String site, String owner, long nowMillis, long expiresMillis) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("""
                INSERT INTO site_leases (site, owner, expires) VALUES (?, ?, ?)
                ON CONFLICT (site) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
                WHERE site_leases.owner = excluded.owner OR site_leases.expires < ?
                """)) {
            ps.setString(1, site);
            ps.setString(2, owner);
            ps.setLong(3, expiresMillis);
            ps.setLong(4, nowMillis);
            return ps.executeUpdate() == 1;
        }
    }

    /** Gives the lease up (a clean stop), so another instance takes over at once. */
    public static void release(Tx tx, String site, String owner) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement(
                "DELETE FROM site_leases WHERE site = ? AND owner = ?")) {
            ps.setString(1, site);
            ps.setString(2, owner);
            ps.executeUpdate();
        }
    }
}
