package org.hemowatch.isbt128;

import org.hemowatch.domain.rule.Rules;
import org.hemowatch.domain.rule.Rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Random;
import java.util.stream.Collectors;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.RhD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class Isbt128DecoderTest {

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvFileSource(resources = "/isbt128/valid-reads.csv")
    void decodesValidReadsIntoTheirStructures(String mode, String input, String expected) {
        DecodeResult result = run(mode, unescape(input));

        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        String rendered = ((DecodeResult.Decoded) result).structures().stream()
                .map(Isbt128DecoderTest::render)
                .collect(Collectors.joining(" + "));
        assertThat(rendered).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @CsvFileSource(resources = "/isbt128/invalid-reads.csv")
    void rejectsInvalidReadsNamingTheRuleAndWhatWasWrong(String mode, String input, String rule, String fragment) {
        String raw = unescape(input);
        DecodeResult result = run(mode, raw);

        assertThat(result).isInstanceOf(DecodeResult.Failed.class);
        DecodeResult.Failed failed = (DecodeResult.Failed) result;
        assertThat(failed.error().rule()).isEqualTo(rule);
        assertThat(failed.input()).isEqualTo(raw);
        assertThat(failed.error().message()).endsWith(".").hasSizeGreaterThan(30);
        if (fragment != null) {
            assertThat(failed.error().message()).contains(fragment);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "G123498654321, H", // UK Red Book example: check value 17
        "A999921123456, 3",
        "W036825016001, M",
        "W123424000019, 0", // check value 0
        "A000000000000, *", // check value 36
    })
    void computesTheMod37_2CheckCharacter(String din, char expected) {
        assertThat(Isbt128Decoder.mod37_2(din)).isEqualTo(expected);
    }

    @Test
    void refusesToComputeACheckCharacterForSomethingThatIsNotADin() {
        assertThatThrownBy(() -> Isbt128Decoder.mod37_2("W03682501600")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Isbt128Decoder.mod37_2("W03682501600a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Isbt128Decoder.mod37_2(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsEveryDinWithItsOwnCheckFlagOrKeyboardCheckCharacterAndRejectsEveryOther() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        Random random = new Random(128);
        for (int n = 0; n < 500; n++) {
            StringBuilder din = new StringBuilder().append("ABCDEFGHIJKLMNPQRSTUVWXYZ123456789".charAt(random.nextInt(34)));
            String finAlphabet = "0123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"; // §2.4.1: no letter O
            for (int i = 1; i < 3; i++) {
                din.append(finAlphabet.charAt(random.nextInt(35)));
            }
            for (int i = 3; i < 5; i++) {
                din.append((char) ('0' + random.nextInt(10)));
            }
            for (int i = 5; i < 13; i++) {
                din.append((char) ('0' + random.nextInt(10)));
            }
            char check = Isbt128Decoder.mod37_2(din.toString());
            int flag = 60 + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*".indexOf(check);

            assertThat(Isbt128Decoder.decode("=" + din + flag)).isInstanceOf(DecodeResult.Decoded.class);
            assertThat(Isbt128Decoder.decodeManualDin(din.toString() + check)).isInstanceOf(DecodeResult.Decoded.class);
            int wrongFlag = flag == 96 ? 60 : flag + 1;
            assertThat(Isbt128Decoder.decode("=" + din + wrongFlag))
                    .isEqualTo(new DecodeResult.Failed("=" + din + wrongFlag, errorOf(Isbt128Decoder.decode("=" + din + wrongFlag))));
            assertThat(errorOf(Isbt128Decoder.decode("=" + din + wrongFlag)).rule()).isEqualTo(Rules.DIN_CHECK_VALUE);
            char wrongCheck = check == '0' ? '1' : '0';
            assertThat(errorOf(Isbt128Decoder.decodeManualDin(din.toString() + wrongCheck)).rule())
                    .isEqualTo(Rules.KEYBOARD_CHECK_CHARACTER);
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}: {3}")
    @CsvFileSource(resources = "/isbt128/dst-cases.csv")
    void resolvesALabelTimeInAGapToTheTransitionAndInAnOverlapToTheEarlierInstant(String zone, String read,
            String expected, String what) {
        DateStructure date = (DateStructure) ((DecodeResult.Decoded) Isbt128Decoder.decode(read)).structures().get(0);

        assertThat(date.instant(ZoneId.of(zone))).as(what).isEqualTo(Instant.parse(expected));
    }

    @Test
    void aLocalTimeLaterOnTheLabelIsNeverAnEarlierInstant() {
        for (String zone : new String[] {"Europe/London", "America/New_York", "Australia/Sydney"}) {
            ZoneId z = ZoneId.of(zone);
            LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
            Instant previous = null;
            for (int minute = 0; minute < 366 * 24 * 60; minute += 15) {
                LocalDateTime local = t.plusMinutes(minute);
                Instant at = new DateStructure("005", Isbt128Structure.KIND_EXPIRY, local, true).instant(z);
                if (previous != null) {
                    assertThat(at).as("%s %s", zone, local).isAfterOrEqualTo(previous);
                }
                assertThat(at).as("never later than the zone's own resolution").isBeforeOrEqualTo(local.atZone(z).toInstant());
                previous = at;
            }
        }
    }

    @Test
    void keepsTheReadExactlyAsReceivedInAFailure() {
        DecodeResult result = Isbt128Decoder.decode("]C0=W03682501600183\r\n");

        assertThat(result).isEqualTo(new DecodeResult.Failed("]C0=W03682501600183\r\n",
                errorOf(result)));
    }

    @Test
    void doesNotRevealTheExpectedKeyboardCheckCharacter() {
        Rejection error = errorOf(Isbt128Decoder.decodeManualDin("W036825016001X"));

        assertThat(error.message()).doesNotContain("M)").doesNotContain("'M'").doesNotContain(" M ");
    }

    @Test
    void treatsANullReadAsEmpty() {
        assertThat(errorOf(Isbt128Decoder.decode(null)).rule()).isEqualTo(Rules.EMPTY_READ);
        assertThat(errorOf(Isbt128Decoder.decodeManualDin(null)).rule()).isEqualTo(Rules.EMPTY_READ);
    }

    @Test
    void givesTheBloodGroupOnlyWhenAboAndRhdAreBothKnown() {
        assertThat(bloodGroup("=%8400").group()).contains(new BloodGroup(Abo.AB, RhD.POS));
        assertThat(bloodGroup("=%5500").group()).isEmpty();
        assertThat(bloodGroup("=%Mq00").group()).isEmpty();
    }

    @Test
    void namesTheFacilityOfADin() {
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) Isbt128Decoder.decode("=W03682501600100");

        assertThat(((Din) decoded.structures().get(0)).facility()).isEqualTo("W0368");
    }

    private static BloodGroupCode bloodGroup(String read) {
        return (BloodGroupCode) ((DecodeResult.Decoded) Isbt128Decoder.decode(read)).structures().get(0);
    }

    private static Rejection errorOf(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Failed.class);
        return ((DecodeResult.Failed) result).error();
    }

    private static DecodeResult run(String mode, String input) {
        return switch (mode) {
            case "read" -> Isbt128Decoder.decode(input);
            case "manual" -> Isbt128Decoder.decodeManualDin(input);
            default -> throw new IllegalArgumentException("unknown mode in test table: " + mode);
        };
    }

    /** A compact, field-by-field rendering of a structure, compared with the expected column. */
    static String render(Isbt128Structure s) {
        if (s instanceof Din d) {
            return "DIN din=" + d.din() + " flags=" + d.flags() + " check=" + d.checkCharacter();
        }
        if (s instanceof BloodGroupCode b) {
            return "BLOOD_GROUP code=" + b.code() + " abo=" + orDash(b.abo()) + " rhd=" + orDash(b.rhd())
                    + " use=" + orDash(b.intendedUse()) + " special=" + orDash(b.special()) + " type=" + b.type();
        }
        if (s instanceof ProductCode p) {
            return "PRODUCT_CODE code=" + p.productCode() + " type=" + p.collectionType() + " division=" + p.division();
        }
        DateStructure t = (DateStructure) s;
        return t.kind() + " " + t.structure() + " " + t.dateTime() + " time=" + t.hasTime();
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** Unescapes \r, \n, \t and \\ so table files can hold control characters; null (empty cell) is "". */
    static String unescape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                out.append(switch (n) {
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
