package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertIntent;
import org.hemowatch.domain.alert.AlertKey;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.Severity;

import java.util.LinkedHashMap;
import java.util.Map;

/** Told when a notifier gives up on an alert ({@link AlertService#deliveryFailed}) or delivers again. */
public interface DeliveryFailureSink {

    void failed(String notifier, Alert alert, String reason);

    default void succeeded(String notifier, String site) {
    }

    /** True for the DELIVERY_FAILURE alert about {@code notifier} itself (never re-raised or re-sent through it: no loop). */
    static boolean isAbout(Alert a, String notifier) {
        return a.kind() == AlertKind.DELIVERY_FAILURE && a.subject().equals(notifier);
    }

    /** The DELIVERY_FAILURE alert (subject = notifier name) at the failed alert's site, CRITICAL. */
    static AlertIntent.Raise raise(String notifier, Alert failed, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("notifier", notifier);
        d.put("alertId", failed.id());
        d.put("alertKind", failed.kind().topic());
        d.put("reason", reason);
        return new AlertIntent.Raise(new AlertKey(AlertKind.DELIVERY_FAILURE, failed.site(), notifier), Severity.CRITICAL,
                notifier + " could not deliver alert " + failed.id() + " (" + failed.kind().topic() + " " + failed.subject() + "): " + reason, d);
    }

    /** Adapts the service. */
    static DeliveryFailureSink of(AlertService service) {
        return new DeliveryFailureSink() {
            @Override
            public void failed(String notifier, Alert alert, String reason) {
                service.deliveryFailed(notifier, alert, reason);
            }

            @Override
            public void succeeded(String notifier, String site) {
                service.deliverySucceeded(notifier, site);
            }
        };
    }
}
