package org.hemowatch.domain.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What a rule wants the {@link AlertBook} to do: raise (open or update) or clear one alert. */
public sealed interface AlertIntent {

    AlertKey key();

    record Raise(AlertKey key, Severity severity, String message, Map<String, Object> details) implements AlertIntent {
        public Raise {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(severity, "severity");
            details = details == null ? Map.of() : details;
        }
    }

    record Clear(AlertKey key) implements AlertIntent {
        public Clear {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The raises, plus a clear for every active alert of {@code kind} among {@code active} that is
     * not raised again. Pass the rule's whole scope: an active alert of a site the rule did not
     * look at would be cleared.
     */
    static List<AlertIntent> reconcile(AlertKind kind, List<Raise> raises, Collection<Alert> active) {
        List<AlertIntent> out = new ArrayList<>(raises);
        Set<AlertKey> raised = new HashSet<>();
        raises.forEach(r -> raised.add(r.key()));
        active.stream()
                .filter(a -> a.kind() == kind && a.active() && !raised.contains(a.key()))
                .map(Alert::key)
                .distinct()
                .sorted(java.util.Comparator.comparing(AlertKey::toString))
                .forEach(k -> out.add(new Clear(k)));
        return out;
    }
}
