package org.hemowatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;

/**
 * The one mapping between a {@code units} / {@code unit_events} row and its record, used by
 * {@link UnitRecords} and {@link UnitQueries}. Instants are epoch milliseconds.
 */
final class UnitRows {

    private UnitRows() {
    }

    /** Binds the key (1-3) and then the state (4-19) of {@code u}, in the column order of the INSERTs. */
    static void bind(PreparedStatement ps, BloodUnit u) throws SQLException {
        UnitKey k = u.key();
        ps.setString(1, k.din());
        ps.setString(2, k.productCode());
        ps.setString(3, k.division());
        bindState(ps, u, 4);
    }

    /** Binds the 16 state columns, component to collected, from parameter {@code first} on. */
    static void bindState(PreparedStatement ps, BloodUnit u, int first) throws SQLException {
        int i = first;
        ps.setString(i++, u.component().code());
        ps.setString(i++, u.group().abo().name());
        ps.setString(i++, u.group().rhd().name());
        ps.setLong(i++, Sql.millis(u.expires()));
        ps.setString(i++, u.site());
        Sql.setText(ps, i++, u.location());
        Sql.setText(ps, i++, u.destination());
        ps.setString(i++, u.status().name());
        Sql.setText(ps, i++, u.statusReason());
        ps.setLong(i++, Sql.millis(u.updated()));
        ps.setLong(i++, u.version());
        Sql.setText(ps, i++, Sql.name(u.intendedUse()));
        Sql.setText(ps, i++, u.recipient());
        Sql.setInstant(ps, i++, u.outOfStorageSince());
        ps.setInt(i++, u.crossedOver() ? 1 : 0);
        Sql.setInstant(ps, i, u.collected());
    }

    static BloodUnit unit(ResultSet rs) throws SQLException {
        String code = rs.getString("component");
        return new BloodUnit(
                new UnitKey(rs.getString("din"), rs.getString("product_code"), rs.getString("division")),
                ComponentClass.parse(code).orElseThrow(() -> new SQLException("unknown component class " + code)),
                new BloodGroup(Abo.valueOf(rs.getString("abo")), RhD.valueOf(rs.getString("rhd"))),
                Sql.getInstant(rs, "expires"),
                rs.getString("site"),
                rs.getString("location"),
                rs.getString("destination"),
                UnitStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"),
                Sql.getInstant(rs, "updated"),
                rs.getLong("version"),
                Sql.parse(IntendedUse.class, rs.getString("intended_use")),
                rs.getString("recipient"),
                Sql.getInstant(rs, "out_of_storage_since"),
                rs.getInt("crossed_over") != 0,
                Sql.getInstant(rs, "collected"));
    }

    static UnitEvent event(ResultSet rs) throws SQLException {
        return new UnitEvent(
                new UnitKey(rs.getString("din"), rs.getString("product_code"), rs.getString("division")),
                UnitAction.valueOf(rs.getString("action")),
                Sql.parse(UnitStatus.class, rs.getString("from_status")),
                UnitStatus.valueOf(rs.getString("to_status")),
                Sql.getInstant(rs, "at"),
                rs.getString("site"),
                rs.getString("location"),
                rs.getString("destination"),
                rs.getString("actor"),
                rs.getString("source"),
                rs.getString("reason"),
                rs.getString("key_id"),
                rs.getString("key_name"),
                rs.getString("recipient"));
    }
}
