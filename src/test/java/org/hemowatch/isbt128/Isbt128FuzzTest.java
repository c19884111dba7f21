package org.hemowatch.isbt128;

import org.hemowatch.domain.rule.Rules;
import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.hemowatch.ingest.LabelAssembler;

/**
 * Fuzzes the ISBT 128 decoder: no input may throw; every input is either decoded into well-formed
 * structures or refused with a rule of the catalogue and a sentence. {@code mvn test} replays the
 * committed corpus ({@code src/test/resources/org/hemowatch/isbt128/Isbt128FuzzTestInputs/});
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/isbt128.md, "Fuzzing").
 */
class Isbt128FuzzTest {

    private static final Set<String> RULES = rules();
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/London"),
            ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kathmandu"));

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesEveryScannerRead(byte[] data) {
        // both readings of the bytes: what a UTF-8 transport and a byte-per-character serial port deliver
        check(new String(data, UTF_8));
        check(new String(data, ISO_8859_1));
    }

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesEveryTypedDonationNumber(byte[] data) {
        DecodeResult r = Isbt128Decoder.decodeManualDin(new String(data, UTF_8));
        if (r instanceof DecodeResult.Decoded d) {
            assertThat(d.structures()).singleElement().isInstanceOf(Din.class);
            Din din = (Din) d.structures().get(0);
            assertThat(Isbt128Decoder.mod37_2(din.din())).isEqualTo(din.checkCharacter());
        } else {
            assertRefusal((DecodeResult.Failed) r, new String(data, UTF_8));
        }
    }

    /** The ingest path over the decoder: only the typed {@link RejectedException} may come out. */
    @FuzzTest(maxDuration = "30s")
    void assemblesOrRefusesEveryLabel(byte[] data) {
        String text = new String(data, UTF_8);
        List<String> reads = Arrays.asList(text.split("\n", -1));
        ZoneId zone = ZONES.get(data.length % ZONES.size());
        try {
            LabelAssembler.assemble(reads, zone);
        } catch (RejectedException e) {
            assertThat(e.rejection().rule()).isNotBlank();
        }
    }

    private static void check(String read) {
        DecodeResult r = Isbt128Decoder.decode(read);
        assertThat(r).isNotNull();
        if (r instanceof DecodeResult.Failed f) {
            assertRefusal(f, read);
            return;
        }
        List<Isbt128Structure> structures = ((DecodeResult.Decoded) r).structures();
        assertThat(structures).isNotEmpty();
        BloodGroupCode group = null;
        ProductCode product = null;
        for (Isbt128Structure s : structures) {
            assertThat(s.structure()).matches("00[1-7]");
            if (s instanceof BloodGroupCode g) {
                group = g;
                assertThat(g.description()).isNotBlank();
                g.group(); // never throws: an ABO_RHD code has both ABO and RhD
            } else if (s instanceof ProductCode p) {
                product = p;
                p.typeOfCollection();
            } else if (s instanceof DateStructure d) {
                for (ZoneId z : ZONES) {
                    assertThat(d.instant(z)).isNotNull();
                }
            } else if (s instanceof Din din) {
                assertThat(Isbt128Decoder.mod37_2(din.din())).isEqualTo(din.checkCharacter());
            }
        }
        assertThat(LabelIntendedUse.disagreement(group, product)).as("a decoded read never contradicts itself").isEmpty();
        LabelIntendedUse.effective(group, product);
        LabelIntendedUse.restricted(group, product);
    }

    private static void assertRefusal(DecodeResult.Failed f, String input) {
        assertThat(f.input()).isEqualTo(input);
        assertThat(RULES).contains(f.error().rule());
        assertThat(f.error().message()).isNotBlank().endsWith(".");
    }

    private static Set<String> rules() {
        List<String> names = new ArrayList<>();
        for (Field field : Rules.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(names);
    }
}
