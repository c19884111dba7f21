package org.hemowatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;

/**
 * Reads of many units: pages of the final ones (transfused, discarded) that stay in the store
 * (the open units the service loads at start are read by {@link OpenUnits}). Rows are read as {@link UnitRecords} writes them.
 */
public final class UnitQueries {

    private UnitQueries() {
    }

    /**
     * A page of units in one of {@code statuses}, in expiry-then-key order, strictly after
     * ({@code afterExpires}, {@code afterKey}) when those are given; every other filter may be null.
     * For final units, which are not held in memory. Walks the units table (no index on status).
     */
    public static List<BloodUnit> page(Connection c, List<UnitStatus> statuses, String site, ComponentClass component, Abo abo,
                                       RhD rhd, Instant expiringBefore, Instant afterExpires, UnitKey afterKey, int offset, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM units WHERE status IN (");
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            args.add(statuses.get(i).name());
        }
        sql.append(")");
        if (site != null) {
            sql.append(" AND site = ?");
            args.add(site);
        }
        if (component != null) {
            sql.append(" AND component = ?");
            args.add(component.code());
        }
        if (abo != null) {
            sql.append(" AND abo = ?");
            args.add(abo.name());
        }
        if (rhd != null) {
            sql.append(" AND rhd = ?");
            args.add(rhd.name());
        }
        if (expiringBefore != null) {
            sql.append(" AND expires < ?");
            args.add(Sql.millis(expiringBefore));
        }
        if (afterKey != null) {
            long at = Sql.millis(afterExpires);
            sql.append(" AND (expires > ? OR (expires = ? AND (din > ? OR (din = ? AND (product_code > ?"
                    + " OR (product_code = ? AND division > ?))))))");
            args.addAll(List.of(at, at, afterKey.din(), afterKey.din(), afterKey.productCode(), afterKey.productCode(), afterKey.division()));
        }
        sql.append(" ORDER BY expires, din, product_code, division LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        List<BloodUnit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(UnitRows.unit(rs));
                }
            }
        }
        return out;
    }

}
