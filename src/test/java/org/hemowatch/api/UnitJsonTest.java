package org.hemowatch.api;

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
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.json.JsonMappers.writeWireText;

/** The unit and unit-event JSON of the API (units, scans, pick lists, excursion reports): member names and order as they always were. */
class UnitJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final UnitKey KEY = new UnitKey("A999926000001", "E0398", "00");

    static final String UNIT = "{\"din\":\"A999926000001\",\"productCode\":\"E0398\",\"division\":\"00\",\"component\":\"RBC\","
            + "\"abo\":\"O\",\"rhd\":\"NEG\",\"expires\":\"2026-11-30T10:00:00Z\",\"collected\":\"2026-11-20T08:00:00Z\","
            + "\"site\":\"main\",\"location\":\"fridge \\\"1\\\"\",\"destination\":null,\"status\":\"QUARANTINED\","
            + "\"statusReason\":\"temperature excursion x-1: held\",\"updated\":\"2026-11-23T10:00:00Z\",\"version\":7,"
            + "\"intendedUse\":\"DIRECTED\",\"generalStock\":false,\"biohazardous\":false,\"crossedOver\":false,"
            + "\"recipient\":\"MRN-1\",\"outOfStorageSince\":\"2026-11-23T09:30:00Z\"}";

    static final String GENERAL_UNIT = "{\"din\":\"A999926000001\",\"productCode\":\"E0398\",\"division\":\"00\",\"component\":\"RBC\","
            + "\"abo\":\"O\",\"rhd\":\"NEG\",\"expires\":\"2026-11-30T10:00:00Z\",\"collected\":null,"
            + "\"site\":\"main\",\"location\":null,\"destination\":null,\"status\":\"AVAILABLE\","
            + "\"statusReason\":null,\"updated\":\"2026-11-23T10:00:00Z\",\"version\":2,"
            + "\"intendedUse\":\"UNSPECIFIED\",\"generalStock\":true,\"biohazardous\":false,\"crossedOver\":false,"
            + "\"recipient\":null,\"outOfStorageSince\":null}";

    static BloodUnit held() {
        return new BloodUnit(KEY, ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG), T0.plusSeconds(7 * 86_400), "main",
                "fridge \"1\"", null, UnitStatus.QUARANTINED, "temperature excursion x-1: held", T0, 7, IntendedUse.DIRECTED, "MRN-1",
                T0.minusSeconds(1800), false, Instant.parse("2026-11-20T08:00:00Z"));
    }

    static BloodUnit general() {
        return new BloodUnit(KEY, ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG), T0.plusSeconds(7 * 86_400), "main",
                null, null, UnitStatus.AVAILABLE, null, T0, 2);
    }

    @Test
    void aUnitIsWrittenWithTheMembersInTheOrderTheyAlwaysHad() {
        assertThat(writeWireText(UnitJson.unit(held()))).isEqualTo(UNIT);
        assertThat(writeWireText(UnitJson.units(List.of(general(), held())))).isEqualTo("[" + GENERAL_UNIT + "," + UNIT + "]");
    }

    @Test
    void aUnitWithItsHistoryKeepsTheUnitsMembersFirstAndTheHistoryLast() {
        assertThat(writeWireText(new UnitJson.WithHistory(UnitJson.unit(general()), List.of())))
                .isEqualTo(GENERAL_UNIT.substring(0, GENERAL_UNIT.length() - 1) + ",\"history\":[]}");
    }

    @Test
    void aPickListNamesItsShortfallShortAndKeepsEachUnitsMembersBeforeTheSubstitution() {
        UnitJson.PickList list = new UnitJson.PickList("main", "RBC", "O NEG", 2, 1, true,
                List.of(new UnitJson.Picked(UnitJson.unit(general()), false, "exact group")));
        assertThat(writeWireText(list)).isEqualTo("{\"site\":\"main\",\"component\":\"RBC\",\"recipient\":\"O NEG\",\"requested\":2,"
                + "\"found\":1,\"short\":true,\"items\":[" + GENERAL_UNIT.substring(0, GENERAL_UNIT.length() - 1)
                + ",\"substitute\":false,\"reason\":\"exact group\"}]}");
    }

    @Test
    void anEventIsWrittenWithItsKeyOnlyWhenOneSignedIt() {
        UnitEvent signed = new UnitEvent(KEY, UnitAction.QUARANTINE, UnitStatus.AVAILABLE, UnitStatus.QUARANTINED, T0, "main",
                "fridge-1", null, "alice", "http", "held", "k-1", "bench scanner", "MRN-1");
        UnitEvent unsigned = new UnitEvent(KEY, UnitAction.RECEIVE, null, UnitStatus.AVAILABLE, T0, "main", null, null, "system",
                "mqtt", null);
        assertThat(writeWireText(UnitJson.event(signed))).isEqualTo("{\"action\":\"QUARANTINE\",\"from\":\"AVAILABLE\",\"to\":\"QUARANTINED\","
                + "\"at\":\"2026-11-23T10:00:00Z\",\"site\":\"main\",\"location\":\"fridge-1\",\"destination\":null,\"actor\":\"alice\","
                + "\"source\":\"http\",\"reason\":\"held\",\"recipient\":\"MRN-1\",\"key\":{\"id\":\"k-1\",\"name\":\"bench scanner\"}}");
        assertThat(writeWireText(UnitJson.event(unsigned))).isEqualTo("{\"action\":\"RECEIVE\",\"from\":null,\"to\":\"AVAILABLE\","
                + "\"at\":\"2026-11-23T10:00:00Z\",\"site\":\"main\",\"location\":null,\"destination\":null,\"actor\":\"system\","
                + "\"source\":\"mqtt\",\"reason\":null,\"recipient\":null,\"key\":null}");
    }
}
