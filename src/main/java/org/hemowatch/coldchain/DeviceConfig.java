package org.hemowatch.coldchain;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.coldchain.DeviceKind;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.DeviceProfiles;
import org.hemowatch.domain.coldchain.Region;

import org.hemowatch.domain.FreeText;
import org.hemowatch.domain.Ids;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One storage device as written in the config ({@code coldChain.devices[]}) or sent to
 * {@code PUT /api/v1/devices/{id}}. Every value except {@code id} and {@code kind} is optional: a
 * missing one takes the default of the kind in the region ({@link DeviceProfiles#defaults(DeviceKind, Region)}).
 * Durations are ISO-8601 ({@code PT30M}).
 *
 * @param site  the device's site; null = the default site
 * @param holds component class codes (RBC, PLT, FFP, CRYO, WB, GRAN)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceConfig(
        String id,
        String site,
        String name,
        String kind,
        List<String> holds,
        Double safeMin,
        Double safeMax,
        Double alarmLow,
        Double alarmHigh,
        Double hardLow,
        Double hardHigh,
        Double hysteresis,
        String excursionDelay,
        String recoveryConfirmation,
        String expectedInterval,
        String doorOpenLimit,
        Boolean agitationRequired,
        String agitationStopLimit) {

    /**
     * The monitoring profile: the kind's defaults overridden by every value given here.
     *
     * @throws IllegalArgumentException naming the field (kind, holds, a duration or a limit)
     */
    public DeviceProfile toProfile(String defaultSite, Region region) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        if (!Ids.valid(id)) {
            throw new IllegalArgumentException("id must be an id: " + Ids.DESCRIPTION);
        }
        if (site != null && !site.isBlank() && !Ids.valid(site)) {
            throw new IllegalArgumentException("site must be an id: " + Ids.DESCRIPTION);
        }
        if (FreeText.problem(name) != null) {
            throw new IllegalArgumentException("name must be free text of " + FreeText.problem(name));
        }
        DeviceKind k = DeviceKind.parse(kind).orElseThrow(() -> new IllegalArgumentException(
                "kind must be one of refrigerator, freezer, platelet_agitator, granulocyte_store, room, transport_box; got '" + kind + "'"));
        DeviceProfile.Builder b = DeviceProfiles.defaults(k, region).id(id).site(site == null || site.isBlank() ? defaultSite : site)
                .name(name == null || name.isBlank() ? id : name);
        if (holds != null) {
            Set<ComponentClass> classes = EnumSet.noneOf(ComponentClass.class);
            for (String h : holds) {
                classes.add(ComponentClass.parse(h).orElseThrow(() -> new IllegalArgumentException(
                        "holds: '" + h + "' is not a component class (RBC, PLT, FFP, CRYO, WB, GRAN)")));
            }
            b.holds(classes);
        }
        if (safeMin != null) b.safeMin(safeMin);
        if (safeMax != null) b.safeMax(safeMax);
        if (alarmLow != null) b.alarmLow(alarmLow);
        if (alarmHigh != null) b.alarmHigh(alarmHigh);
        if (hardLow != null) b.hardLow(hardLow);
        if (hardHigh != null) b.hardHigh(hardHigh);
        if (hysteresis != null) b.hysteresis(hysteresis);
        if (excursionDelay != null) b.excursionDelay(duration("excursionDelay", excursionDelay));
        if (recoveryConfirmation != null) b.recoveryConfirmation(duration("recoveryConfirmation", recoveryConfirmation));
        if (expectedInterval != null) b.expectedInterval(duration("expectedInterval", expectedInterval));
        if (doorOpenLimit != null) b.doorOpenLimit(duration("doorOpenLimit", doorOpenLimit));
        if (agitationRequired != null) b.agitationRequired(agitationRequired);
        if (agitationStopLimit != null) b.agitationStopLimit(duration("agitationStopLimit", agitationStopLimit));
        return b.build();
    }

    /** Every value of a profile written out, so a stored device does not depend on later default changes. */
    public static DeviceConfig of(DeviceProfile p) {
        List<String> holds = new ArrayList<>();
        p.holds().stream().map(ComponentClass::code).sorted().forEach(holds::add);
        return new DeviceConfig(p.id(), p.site(), p.name(), p.kind().code(), holds, p.safeMin(), p.safeMax(),
                p.alarmLow(), p.alarmHigh(), p.hardLow(), p.hardHigh(), p.hysteresis(), text(p.excursionDelay()),
                text(p.recoveryConfirmation()), text(p.expectedInterval()), text(p.doorOpenLimit()),
                p.agitationRequired(), text(p.agitationStopLimit()));
    }

    private static String text(Duration d) {
        return d == null ? null : d.toString();
    }

    /** Longest duration a device setting may have (delays, silences, holds): a month covers every real one. */
    static final Duration MAX_DURATION = Duration.ofDays(31);

    static Duration duration(String field, String text) {
        Duration d;
        try {
            d = Duration.parse(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 duration like PT30M, got '" + text + "'");
        }
        if (d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(field + " must be from PT0S to " + MAX_DURATION + ", got '" + text + "'");
        }
        return d;
    }
}
