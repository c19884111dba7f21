package org.hemowatch.domain.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.hemowatch.domain.supply.StockLevel;
import org.hemowatch.domain.supply.SupplyPhase;

/**
 * SHORTAGE alerts from {@link StockLevel} rows: one alert per site and stock line (subject
 * {@code RBC/O-}), raised while the line is short and cleared when it recovers.
 * <ul>
 * <li>RED phase or below the par minimum: CRITICAL</li>
 * <li>AMBER: WARNING</li>
 * <li>PRE_AMBER (only when configured): INFO</li>
 * <li>GREEN and not below minimum: no alert (below ideal alone is shown, not alerted)</li>
 * </ul>
 */
public final class ShortageRules {

    /** The severity a row calls for, or empty when it is no shortage. */
    public static Optional<Severity> severityOf(StockLevel level) {
        if (level.phase() == SupplyPhase.RED || level.belowMinimum()) {
            return Optional.of(Severity.CRITICAL);
        }
        return switch (level.phase()) {
            case AMBER -> Optional.of(Severity.WARNING);
            case PRE_AMBER -> Optional.of(Severity.INFO);
            default -> Optional.empty();
        };
    }

    /**
     * Raise intents for short lines and clear intents for active SHORTAGE alerts (among
     * {@code active}) whose line is no longer short or no longer assessed.
     *
     * @param levels every row of the sites concerned (see {@link AlertIntent#reconcile})
     */
    public List<AlertIntent> evaluate(Collection<StockLevel> levels, Collection<Alert> active) {
        List<AlertIntent.Raise> raises = new ArrayList<>();
        for (StockLevel l : levels) {
            severityOf(l).ifPresent(sev -> raises.add(new AlertIntent.Raise(
                    new AlertKey(AlertKind.SHORTAGE, l.key().site(), l.key().subject()), sev, message(l), details(l))));
        }
        return AlertIntent.reconcile(AlertKind.SHORTAGE, raises, active);
    }

    private static String message(StockLevel l) {
        StringBuilder m = new StringBuilder()
                .append(l.key().component().code()).append(' ').append(l.key().group().label())
                .append(" at ").append(l.key().site()).append(": ").append(l.available()).append(" issuable");
        if (l.daysOfSupply() != null) {
            m.append(", ").append(oneDecimal(l.daysOfSupply())).append(" days of supply");
        }
        m.append(" (").append(l.phase()).append(')');
        if (l.belowMinimum()) {
            m.append(", below minimum ").append(l.par().minimum());
        }
        return m.toString();
    }

    private static Map<String, Object> details(StockLevel l) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("component", l.key().component().code());
        d.put("group", l.key().group().label());
        d.put("available", l.available());
        d.put("expiring24h", l.expiring24h());
        d.put("averageDailyDemand", round1(l.averageDailyDemand()));
        d.put("daysOfSupply", l.daysOfSupply() == null ? null : round1(l.daysOfSupply()));
        d.put("noDemand", l.noDemand());
        d.put("phase", l.phase().name());
        d.put("belowMinimum", l.belowMinimum());
        if (l.par() != null) {
            d.put("minimum", l.par().minimum());
            d.put("ideal", l.par().ideal());
        }
        return d;
    }

    // Rounded so that small changes in demand do not produce an UPDATED on every evaluation.
    private static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    private static String oneDecimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
