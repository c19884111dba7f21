package org.hemowatch.isbt128;

import org.hemowatch.domain.rule.Rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.RhD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/** Intended use from ST-001 Table 4 (structure 002) and Table 7 (product code 6th character), and their agreement. */
class IntendedUseTest {

    @ParameterizedTest(name = "{0} = {1}, {2}")
    @CsvFileSource(resources = "/isbt128/table4-codes.csv")
    void decodesEveryTable4CodeAsItsRowAndColumn(String code, String row, IntendedUse use, BloodGroupCode.Category category,
            String abo, String rhd) {
        BloodGroupCode group = bloodGroup("=%" + code + "00");

        assertThat(group.intendedUse()).isEqualTo(use);
        assertThat(group.category()).isEqualTo(category);
        assertThat(group.abo()).isEqualTo("-".equals(abo) ? null : Abo.valueOf(abo));
        assertThat(group.rhd()).isEqualTo("-".equals(rhd) ? null : RhD.valueOf(rhd));
        assertThat(group.description()).isNotBlank();
        assertThat(group.special()).isNull();
        assertThat(group.group()).as("only plain ABO/RhD codes give a blood group")
                .isEqualTo(category == BloodGroupCode.Category.ABO_RHD
                        ? Optional.of(new BloodGroup(group.abo(), group.rhd()))
                        : Optional.empty());
    }

    @Test
    void refusesEveryOtherTwoCharacterCodeExceptTheBloodSpecialMessages() throws Exception {
        Set<String> defined = new HashSet<>(Set.of("00", "Ma", "Mb", "Md", "Mf", "Mq", "Mr", "Mx"));
        try (Stream<String> lines = Files.lines(Path.of(
                IntendedUseTest.class.getResource("/isbt128/table4-codes.csv").toURI()))) {
            lines.filter(l -> !l.startsWith("#")).forEach(l -> defined.add(l.substring(0, 2)));
        }
        assertThat(defined).hasSize(204 + 8);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        int accepted = 0;
        for (char a : alphabet.toCharArray()) {
            for (char b : alphabet.toCharArray()) {
                String gg = "" + a + b;
                DecodeResult r = Isbt128Decoder.decode("=%" + gg + "00");
                if (defined.contains(gg)) {
                    assertThat(r).as(gg).isInstanceOf(DecodeResult.Decoded.class);
                    accepted++;
                } else {
                    assertThat(r).as(gg).isInstanceOf(DecodeResult.Failed.class);
                    assertThat(((DecodeResult.Failed) r).error().rule()).as(gg).isEqualTo(Rules.UNKNOWN_BLOOD_GROUP);
                }
            }
        }
        assertThat(accepted).isEqualTo(212);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvFileSource(resources = "/isbt128/table7-collection-types.csv")
    void decodesEveryTable7CollectionTypeKeepingItsCase(char t, String description, String use, boolean forTransfusion,
            boolean restricted) {
        ProductCode product = productCode("=<E0398" + t + "00");

        assertThat(product.collectionType()).isEqualTo(t);
        CollectionType type = product.typeOfCollection().orElseThrow();
        assertThat(type.code()).isEqualTo(t);
        assertThat(type.intendedUse()).isEqualTo("-".equals(use)
                ? Optional.empty() : Optional.of(IntendedUse.valueOf(use)));
        assertThat(type.forTransfusion()).isEqualTo(forTransfusion);
        assertThat(type.restricted()).isEqualTo(restricted);
        assertThat(LabelIntendedUse.restricted(null, product)).isEqualTo(restricted);
    }

    @Test
    void table7HasTwentyNineTypesAndOnlyRSAndDInSmallLetters() {
        assertThat(CollectionType.values()).hasSize(29);
        StringBuilder small = new StringBuilder();
        for (CollectionType t : CollectionType.values()) {
            if (Character.isLowerCase(t.code())) {
                small.append(t.code());
            }
        }
        assertThat(small.toString()).isEqualTo("rsd");
    }

    @Test
    void productFamiliesWithAThreeDigitDivisionHaveNoCollectionType() {
        assertThat(productCode("=<T1234901").typeOfCollection()).isEmpty();
        assertThat(productCode("=<S1234V00").typeOfCollection()).contains(CollectionType.VOLUNTEER_ALLOGENEIC);
    }

    @ParameterizedTest(name = "002 {0} + 003 type {1} -> {2}")
    @CsvSource({
        // group code, type of collection, expected: agree (effective use) or the mismatch
        "95, V, UNSPECIFIED",
        "95, X, AUTOLOGOUS_BIOHAZARDOUS", // the default column never contradicts: the product code restricts
        "98, V, AUTOLOGOUS_BIOHAZARDOUS", // nor does the default type of collection
        "98, X, AUTOLOGOUS_BIOHAZARDOUS",
        "98, 0, AUTOLOGOUS_BIOHAZARDOUS",
        "91, 2, DIRECTED",
        "91, B, DIRECTED",
        "91, 4, DIRECTED",
        "93, 3, DIRECTED_BIOHAZARDOUS",
        "94, D, DIRECTED_CROSSOVER",
        "94, d, DIRECTED_CROSSOVER",
        "96, A, AUTOLOGOUS_CROSSOVER",
        "97, 1, AUTOLOGOUS",
        "92, G, EMERGENCY_ONLY",
        "P2, 2, DIRECTED",
        "H8, 1, AUTOLOGOUS",
        "Ma, 1, AUTOLOGOUS",
        "Mq, 2, DIRECTED",
        "51, R, UNSPECIFIED",
        "98, 2, intended-use-mismatch",
        "91, 1, intended-use-mismatch",
        "94, 2, intended-use-mismatch", // crossover-eligible is not the same use as directed only
        "96, 1, intended-use-mismatch",
        "97, X, intended-use-mismatch",
        "92, 2, intended-use-mismatch",
        "91, R, intended-use-mismatch",
        "97, s, intended-use-mismatch",
        "Ma, 2, intended-use-mismatch",
    })
    void saysWhetherTheTwoSourcesOfTheIntendedUseDisagree(String gg, char t, String expected) {
        BloodGroupCode group = bloodGroup("=%" + gg + "00");
        ProductCode product = productCode("=<E0398" + t + "00");

        var disagreement = LabelIntendedUse.disagreement(group, product);
        if (expected.equals(Rules.INTENDED_USE_MISMATCH)) {
            assertThat(disagreement).isPresent();
            assertThat(disagreement.get().rule()).isEqualTo(expected);
            assertThat(disagreement.get().message()).contains("'" + gg + "'").contains("'" + t + "'").endsWith(".");
            assertThat(Isbt128Decoder.decode("=%" + gg + "00=<E0398" + t + "00"))
                    .as("a concatenated read with both is refused").isInstanceOf(DecodeResult.Failed.class);
        } else {
            assertThat(disagreement).isEmpty();
            assertThat(LabelIntendedUse.effective(group, product)).isEqualTo(IntendedUse.valueOf(expected));
            assertThat(Isbt128Decoder.decode("=%" + gg + "00=<E0398" + t + "00")).isInstanceOf(DecodeResult.Decoded.class);
        }
    }

    @Test
    void aMissingStructureNeverDisagreesAndLeavesTheOtherSourcesUse() {
        assertThat(LabelIntendedUse.disagreement(null, productCode("=<E0398X00"))).isEmpty();
        assertThat(LabelIntendedUse.disagreement(bloodGroup("=%9800"), null)).isEmpty();
        assertThat(LabelIntendedUse.effective(null, productCode("=<E0398X00"))).isEqualTo(IntendedUse.AUTOLOGOUS_BIOHAZARDOUS);
        assertThat(LabelIntendedUse.effective(bloodGroup("=%9800"), null)).isEqualTo(IntendedUse.AUTOLOGOUS_BIOHAZARDOUS);
        assertThat(LabelIntendedUse.effective(null, null)).isEqualTo(IntendedUse.UNSPECIFIED);
        assertThat(LabelIntendedUse.restricted(bloodGroup("=%9500"), productCode("=<E0398V00"))).isFalse();
        assertThat(LabelIntendedUse.restricted(bloodGroup("=%9500"), productCode("=<E0398S00"))).isTrue();
    }

    @ParameterizedTest(name = "002 {0} + 003 type {1} -> unit {2}")
    @CsvSource({
        "95, T, THERAPEUTIC",
        "95, Q, SEE_SPECIAL_TESTING",
        "91, Q, DIRECTED", // the group code's restriction stands
        "95, R, RESEARCH",
        "95, s, SOURCE_PLASMA",
        "95, V, UNSPECIFIED",
    })
    void aTherapeuticOrSeeSpecialTestingCollectionIsKeptOnTheUnitAsRestricted(String gg, char t, IntendedUse expected) {
        IntendedUse use = LabelIntendedUse.ofUnit(bloodGroup("=%" + gg + "00"), productCode("=<E0398" + t + "00"));

        assertThat(use).isEqualTo(expected);
        assertThat(use.inGeneralStock(true)).as("counts in general stock").isEqualTo(expected == IntendedUse.UNSPECIFIED);
    }

    @Test
    void theIssueExampleIsAnAutologousBiohazardousUnitNotPlainONegative() {
        BloodGroupCode group = bloodGroup("=%9800");

        assertThat(group.intendedUse()).isEqualTo(IntendedUse.AUTOLOGOUS_BIOHAZARDOUS);
        assertThat(group.intendedUse().restricted()).isTrue();
        assertThat(group.intendedUse().biohazardous()).isTrue();
        assertThat(group.intendedUse().forNamedRecipient()).isTrue();
        assertThat(LabelIntendedUse.disagreement(group, productCode("=<E0398X00"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "UNSPECIFIED, false, false, false, false, false",
        "DIRECTED, true, true, false, false, false",
        "EMERGENCY_ONLY, true, false, false, false, false",
        "DIRECTED_BIOHAZARDOUS, true, true, false, true, false",
        "DIRECTED_CROSSOVER, true, true, false, false, true",
        "AUTOLOGOUS_CROSSOVER, true, true, true, false, true",
        "AUTOLOGOUS, true, true, true, false, false",
        "AUTOLOGOUS_BIOHAZARDOUS, true, true, true, true, false",
    })
    void eachIntendedUseSaysWhatItRestricts(IntendedUse use, boolean restricted, boolean named, boolean autologous,
            boolean biohazardous, boolean crossover) {
        assertThat(use.restricted()).isEqualTo(restricted);
        assertThat(use.forNamedRecipient()).isEqualTo(named);
        assertThat(use.autologous()).isEqualTo(autologous);
        assertThat(use.biohazardous()).isEqualTo(biohazardous);
        assertThat(use.crossoverEligible()).isEqualTo(crossover);
    }

    @Test
    void flagsTable6WAsASpecialTestingBarcodeThatMustBeScanned() {
        assertThat(bloodGroup("=%51W0").specialTestingBarcode()).isTrue();
        assertThat(bloodGroup("=%5100").specialTestingBarcode()).isFalse();
    }

    @Test
    void refusesABloodGroupWhoseReservedLastCharacterIsNotZero() {
        String chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (char e : chars.toCharArray()) {
            for (String gg : List.of("51", "95", "P2", "Mx", "00")) {
                String read = "=%" + gg + "0" + e;
                DecodeResult r = Isbt128Decoder.decode(read);
                if (e == '0') {
                    assertThat(r).as(read).isInstanceOf(DecodeResult.Decoded.class);
                } else {
                    assertThat(r).as(read).isInstanceOfSatisfying(DecodeResult.Failed.class,
                            f -> assertThat(f.error().rule()).isEqualTo(Rules.RESERVED_CHARACTER));
                }
            }
        }
    }

    private static BloodGroupCode bloodGroup(String read) {
        DecodeResult r = Isbt128Decoder.decode(read);
        assertThat(r).as(read).isInstanceOf(DecodeResult.Decoded.class);
        return (BloodGroupCode) ((DecodeResult.Decoded) r).structures().get(0);
    }

    private static ProductCode productCode(String read) {
        DecodeResult r = Isbt128Decoder.decode(read);
        assertThat(r).as(read).isInstanceOf(DecodeResult.Decoded.class);
        return (ProductCode) ((DecodeResult.Decoded) r).structures().get(0);
    }
}
