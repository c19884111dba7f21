package org.hemowatch.ingest;

import org.hemowatch.domain.rule.RejectedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hemowatch.testing.Labels;
import org.junit.jupiter.api.Test;

/** The collection date of a label is kept on the assembled label, as an instant in the site's zone. */
class LabelAssemblerTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String DIN = Labels.dinRead("A999926000201");

    @Test
    void keepsTheCollectionDateAndTimeAsAnInstantInTheSitesZone() {
        // 2024 (a leap year), day 152 = 31 May (BST, UTC+1), 14:30 local
        ScannedLabel label = LabelAssembler.assemble(List.of(DIN, "&*0241521430", "&>0241891200"), LONDON);

        assertThat(label.collected()).isEqualTo(Instant.parse("2024-05-31T13:30:00Z"));
        assertThat(label.expires()).isEqualTo(Instant.parse("2024-07-07T11:00:00Z"));
    }

    @Test
    void aDateOnlyCollectionIsTheLastMinuteOfThatDay() {
        ScannedLabel label = LabelAssembler.assemble(List.of(DIN + "=*024015"), LONDON);

        assertThat(label.collected()).isEqualTo(Instant.parse("2024-01-15T23:59:00Z"));
    }

    @Test
    void aCollectionTimeInTheDstGapResolvesToTheTransition() {
        ScannedLabel label = LabelAssembler.assemble(List.of(DIN, "&*0240910130"), LONDON);

        assertThat(label.collected()).isEqualTo(Instant.parse("2024-03-31T01:00:00Z"));
    }

    @Test
    void aLabelWithoutTheCollectionBarcodeHasNoCollectionDate() {
        assertThat(LabelAssembler.assemble(List.of(DIN, Labels.O_NEG), LONDON).collected()).isNull();
    }

    @Test
    void refusesTwoDifferentCollectionDatesInOneScan() {
        assertThatThrownBy(() -> LabelAssembler.assemble(List.of(DIN, "&*0241521430", "=*024150"), LONDON))
                .isInstanceOf(RejectedException.class)
                .satisfies(e -> assertThat(((RejectedException) e).rejection().rule()).isEqualTo("several-collection-dates"));
    }
}
