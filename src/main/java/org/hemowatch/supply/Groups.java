package org.hemowatch.supply;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.RhD;

import java.util.Locale;
import java.util.Optional;

/** Parses group labels as written in config and API bodies: {@code O-}, {@code AB+}, {@code A POS}. */
public final class Groups {

    private Groups() {
    }

    public static Optional<BloodGroup> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        String abo;
        String rhd;
        if (t.endsWith("+") || t.endsWith("-")) {
            abo = t.substring(0, t.length() - 1);
            rhd = t.substring(t.length() - 1);
        } else if (t.endsWith("POS") || t.endsWith("NEG")) {
            abo = t.substring(0, t.length() - 3);
            rhd = t.substring(t.length() - 3);
        } else {
            return Optional.empty();
        }
        Optional<Abo> a = Abo.parse(abo);
        Optional<RhD> r = RhD.parse(rhd);
        return a.isPresent() && r.isPresent() ? Optional.of(new BloodGroup(a.get(), r.get())) : Optional.empty();
    }
}
