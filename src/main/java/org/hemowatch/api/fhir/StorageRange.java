package org.hemowatch.api.fhir;

import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.coldchain.DeviceKind;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.DeviceProfiles;
import org.hemowatch.domain.coldchain.Region;

import java.util.List;
import java.util.Optional;

/**
 * The storage temperature range of a component class, in °C, taken from the safe range of the
 * default cold-chain profile of the device kind that stores it (refrigerator 1–6 °C for red cells
 * and whole blood, agitator 20–24 °C for platelets, granulocyte store 20–24 °C, freezer for plasma (per {@link Region})
 * and cryo), so that FHIR and the cold-chain monitor never disagree.
 *
 * @param low  lower bound, or null when there is none (frozen components)
 * @param high upper bound, or null when there is none
 */
public record StorageRange(Double low, Double high) {

    /** Storage device kinds in order of preference; transport boxes and rooms are not storage. */
    private static final List<DeviceKind> STORAGE = List.of(DeviceKind.REFRIGERATOR, DeviceKind.FREEZER, DeviceKind.PLATELET_AGITATOR,
            DeviceKind.GRANULOCYTE_STORE);

    /** The default range of {@code component} in {@code region}, or empty when no default storage kind holds it. */
    public static Optional<StorageRange> of(ComponentClass component, Region region) {
        for (DeviceKind kind : STORAGE) {
            DeviceProfile p = DeviceProfiles.defaults(kind, region, "fhir", "fhir", "fhir");
            if (p.holds().contains(component)) {
                return Optional.of(new StorageRange(p.safeMin(), p.safeMax()));
            }
        }
        return Optional.empty();
    }
}
