package org.hemowatch.api.fhir;

import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.coldchain.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure mapping of a unit to an R5 BiologicallyDerivedProduct, and the parsing of search parameters. */
class BiologicallyDerivedProductsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @ParameterizedTest(name = "{0} {1} -> {2}, {3}..{4} °C")
    @CsvFileSource(resources = "/fhir/components.csv")
    void mapsEachComponentToItsCategoryAndColdChainStorageRange(String region, String component, String category, Double low, Double high) {
        JsonObject r = BiologicallyDerivedProducts.resource(unit(ComponentClass.parse(component).orElseThrow(), UnitStatus.AVAILABLE,
                new BloodGroup(Abo.O, RhD.NEG), NOW.plus(Duration.ofDays(2))), NOW, Region.valueOf(region));

        assertThat(r.getJsonObject("productCategory").getString("code")).isEqualTo(category);
        assertThat(r.getJsonObject("productCategory").getString("system")).isEqualTo("http://hl7.org/fhir/product-category");
        JsonObject range = r.getJsonObject("storageTempRequirements");
        assertThat(bound(range, "low")).isEqualTo(low);
        assertThat(bound(range, "high")).isEqualTo(high);
        for (String side : List.of("low", "high")) {
            if (range.containsKey(side)) {
                assertThat(range.getJsonObject(side).getString("code")).isEqualTo("Cel");
                assertThat(range.getJsonObject(side).getString("system")).isEqualTo("http://unitsofmeasure.org");
            }
        }
    }

    @ParameterizedTest(name = "{0}, expires in {1} h -> {2}")
    @CsvFileSource(resources = "/fhir/product-status.csv")
    void isAvailableOnlyWhenAvailableAndNotExpired(UnitStatus status, int hoursToExpiry, String expected) {
        BloodUnit u = unit(ComponentClass.RED_CELLS, status, new BloodGroup(Abo.A, RhD.POS), NOW.plus(Duration.ofHours(hoursToExpiry)));

        JsonObject productStatus = BiologicallyDerivedProducts.resource(u, NOW).getJsonObject("productStatus");

        assertThat(productStatus.getString("code")).isEqualTo(expected);
        assertThat(productStatus.getString("system")).isEqualTo("http://hl7.org/fhir/biologicallyderived-product-status");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(IntendedUse.class)
    void codesTheIntendedUseAndTheBiohazardFlagInHemowatchsDocumentedCodeSystems(IntendedUse use) {
        BloodUnit plain = unit(ComponentClass.RED_CELLS, UnitStatus.AVAILABLE, new BloodGroup(Abo.O, RhD.NEG), NOW.plus(Duration.ofDays(1)));
        JsonObject r = BiologicallyDerivedProducts.resource(plain.withUse(use, null), NOW);

        List<JsonObject> properties = r.getJsonArray("property").stream().map(o -> (JsonObject) o).toList();
        assertThat(properties).allSatisfy(p -> assertThat(p.getJsonObject("type").getJsonArray("coding").getJsonObject(0).getString("system"))
                .as("every property type names its code system").isNotBlank());
        JsonObject biohazard = property(properties, "biohazardous");
        assertThat(biohazard.getJsonObject("type").getJsonArray("coding").getJsonObject(0).getString("system"))
                .isEqualTo("https://hemowatch.invalid/fhir/CodeSystem/unit-property");
        assertThat(biohazard.getBoolean("valueBoolean")).isEqualTo(use.biohazardous());
        JsonObject intended = property(properties, "intendedUse");
        JsonObject value = intended.getJsonObject("valueCodeableConcept").getJsonArray("coding").getJsonObject(0);
        assertThat(value.getString("system")).isEqualTo("https://hemowatch.invalid/fhir/CodeSystem/intended-use");
        assertThat(value.getString("code")).isEqualTo(use.name());
        assertThat(value.getString("display")).isNotBlank();
    }

    private static JsonObject property(List<JsonObject> properties, String code) {
        return properties.stream().filter(p -> p.getJsonObject("type").getJsonArray("coding").getJsonObject(0).getString("code").equals(code))
                .findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvFileSource(resources = "/fhir/abo-rhd.csv")
    void givesTheIsbt128DefaultAboRhDCodeAsAProperty(Abo abo, RhD rhd, String code, String display) {
        JsonObject r = BiologicallyDerivedProducts.resource(unit(ComponentClass.RED_CELLS, UnitStatus.AVAILABLE, new BloodGroup(abo, rhd),
                NOW.plus(Duration.ofDays(1))), NOW);

        JsonObject property = r.getJsonArray("property").getJsonObject(0);
        JsonObject type = property.getJsonObject("type").getJsonArray("coding").getJsonObject(0);
        assertThat(type.getString("system")).isEqualTo("http://hl7.org/fhir/biologicallyderived-product-property-type-codes");
        assertThat(type.getString("code")).isEqualTo("aborhd");
        JsonObject coding = property.getJsonObject("valueCodeableConcept").getJsonArray("coding").getJsonObject(0);
        assertThat(coding.getString("system")).isEqualTo("https://www.isbt128.org/uri/ABORhD");
        assertThat(coding.getString("code")).isEqualTo(code);
        assertThat(coding.getString("display")).isEqualTo(display);
    }

    @Test
    void namesTheResourceByDinProductAndDivisionAndReadsTheKeyBack() {
        UnitKey key = new UnitKey("A999926000001", "E0398", "A0");

        String id = BiologicallyDerivedProducts.id(key);

        assertThat(id).isEqualTo("A999926000001-E0398-A0");
        assertThat(BiologicallyDerivedProducts.isFhirId(id)).isTrue();
        assertThat(BiologicallyDerivedProducts.key(id)).contains(key);
        assertThat(BiologicallyDerivedProducts.key("A999926000001-E0398")).isEmpty();
        assertThat(BiologicallyDerivedProducts.isFhirId("A9999_26")).isFalse();
        assertThat(BiologicallyDerivedProducts.isFhirId("x".repeat(65))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/fhir/search-errors.csv")
    void refusesABadSearchValueNamingTheParameter(String query, String parameter) {
        int eq = query.indexOf('=');
        Map<String, List<String>> params = Map.of(query.substring(0, eq), List.of(query.substring(eq + 1)));

        assertThatThrownBy(() -> FhirSearch.parse(params))
                .isInstanceOfSatisfying(FhirIssue.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid");
                })
                .hasMessageContaining(parameter);
    }

    @Test
    void matchesTokensWithOrWithoutTheirSystemAndNothingOfAnotherSystem() {
        BloodUnit u = unit(ComponentClass.RED_CELLS, UnitStatus.AVAILABLE, new BloodGroup(Abo.O, RhD.NEG), NOW.plus(Duration.ofDays(1)));

        assertThat(matches(u, "biological-source-event", "a999926000001")).isTrue();
        assertThat(matches(u, "biological-source-event", FhirCodes.DIN_SYSTEM + "|A999926000001")).isTrue();
        assertThat(matches(u, "biological-source-event", "http://example.org/din|A999926000001")).isFalse();
        assertThat(matches(u, "biological-source-event", "A999926000099,A999926000001")).as("comma = or").isTrue();
        assertThat(matches(u, "code", FhirCodes.PRODUCT_CODE_SYSTEM + "|")).as("any code of the system").isTrue();
        assertThat(matches(u, "code", "E0399")).isFalse();
        assertThat(matches(u, "product-category", "cells")).isTrue();
        assertThat(matches(u, "product-category", "fluid")).isFalse();
        assertThat(matches(u, "product-status", "unavailable")).isFalse();
        assertThat(matches(u, "identifier", "A999926000001-E0398-00")).isTrue();
        assertThat(matches(u, "no-such-parameter", "whatever")).as("unknown parameters are ignored").isTrue();
    }

    private static boolean matches(BloodUnit u, String name, String value) {
        return FhirSearch.parse(Map.of(name, List.of(value))).filter().test(u, NOW);
    }

    private static Double bound(JsonObject range, String side) {
        return range.containsKey(side) ? range.getJsonObject(side).getNumber("value").doubleValue() : null;
    }

    private static BloodUnit unit(ComponentClass component, UnitStatus status, BloodGroup group, Instant expires) {
        return new BloodUnit(new UnitKey("A999926000001", "E0398", "00"), component, group, expires, "main", "fridge-1", null,
                status, null, NOW, 2);
    }
}
