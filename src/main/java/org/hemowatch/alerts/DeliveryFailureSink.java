package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertKind;

/** Told when a notifier gives up on an alert ({@link AlertService#deliveryFailed}) or delivers again. */
public interface DeliveryFailureSink {

    void failed(String notifier, Alert alert, String reason);

    default void succeeded(String notifier, String site) {
    }

    /** True for the DELIVERY_FAILURE alert about {@code notifier} itself (never re-raised or re-sent through it: no loop). */
    static boolean isAbout(Alert a, String notifier) {
        return a.kind() == AlertKind.DELIVERY_FAILURE && a.subject().equals(notifier);
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
