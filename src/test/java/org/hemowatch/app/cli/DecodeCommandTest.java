package org.hemowatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DecodeCommandTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new DecodeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsOneObjectPerStructureAcrossAllInputsAndExitsZero() throws Exception {
        int status = run("]C0=W03682501600182=%5100\r\n", "=<E0398V00&>0183652359", "&*0241501430");

        assertThat(status).isZero();
        JsonNode array = mapper.readTree(out.toString());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(5);

        JsonNode din = array.get(0);
        assertThat(din.get("structure").asText()).isEqualTo("001");
        assertThat(din.get("kind").asText()).isEqualTo("DIN");
        assertThat(din.get("din").asText()).isEqualTo("W036825016001");
        assertThat(din.get("flags").asText()).isEqualTo("82");
        assertThat(din.get("checkCharacter").asText()).isEqualTo("M");

        JsonNode group = array.get(1);
        assertThat(group.get("structure").asText()).isEqualTo("002");
        assertThat(group.get("kind").asText()).isEqualTo("BLOOD_GROUP");
        assertThat(group.get("abo").asText()).isEqualTo("O");
        assertThat(group.get("rhd").asText()).isEqualTo("POS");
        assertThat(group.has("special")).isFalse();

        JsonNode product = array.get(2);
        assertThat(product.get("structure").asText()).isEqualTo("003");
        assertThat(product.get("kind").asText()).isEqualTo("PRODUCT_CODE");
        assertThat(product.get("productCode").asText()).isEqualTo("E0398");
        assertThat(product.get("collectionType").asText()).isEqualTo("V");
        assertThat(product.get("division").asText()).isEqualTo("00");

        JsonNode expiry = array.get(3);
        assertThat(expiry.get("structure").asText()).isEqualTo("005");
        assertThat(expiry.get("kind").asText()).isEqualTo("EXPIRY");
        assertThat(expiry.get("expires").asText()).isEqualTo("2018-12-31T23:59");

        JsonNode collected = array.get(4);
        assertThat(collected.get("structure").asText()).isEqualTo("007");
        assertThat(collected.get("kind").asText()).isEqualTo("COLLECTION");
        assertThat(collected.get("collected").asText()).isEqualTo("2024-05-29T14:30");
    }

    @Test
    void putsAFailedInputInItsPlaceAndExitsOne() throws Exception {
        int status = run("=%Mq00", "=W03682501600183", "=>018365");

        assertThat(status).isEqualTo(1);
        JsonNode array = mapper.readTree(out.toString());
        assertThat(array).hasSize(3);

        JsonNode quarantine = array.get(0);
        assertThat(quarantine.get("special").asText()).isEqualTo("quarantine");
        assertThat(quarantine.get("abo").isNull()).isTrue();
        assertThat(quarantine.get("rhd").isNull()).isTrue();

        JsonNode failed = array.get(1);
        assertThat(failed.get("input").asText()).isEqualTo("=W03682501600183");
        assertThat(failed.get("error").get("rule").asText()).isEqualTo("din-check-value");
        assertThat(failed.get("error").get("message").asText()).contains("82");
        assertThat(failed.has("kind")).isFalse();

        assertThat(array.get(2).get("expires").asText()).isEqualTo("2018-12-31T23:59");
    }

    @Test
    void printsBloodGroupWithUnspecifiedRhdAsNull() throws Exception {
        run("=%6600");

        JsonNode group = mapper.readTree(out.toString()).get(0);
        assertThat(group.get("abo").asText()).isEqualTo("A");
        assertThat(group.get("rhd").isNull()).isTrue();
    }

    @Test
    void printsTheIntendedUseCategoryAndDescriptionOfABloodGroupAndTheTypeOfCollection() throws Exception {
        int status = run("=%9800=<E0398X00", "=%G6W0");

        assertThat(status).isZero();
        JsonNode array = mapper.readTree(out.toString());
        JsonNode group = array.get(0);
        assertThat(group.get("intendedUse").asText()).isEqualTo("AUTOLOGOUS_BIOHAZARDOUS");
        assertThat(group.get("category").asText()).isEqualTo("ABO_RHD");
        assertThat(group.get("description").asText()).isEqualTo("O RhD negative");
        assertThat(group.get("specialTestingBarcode").asBoolean()).isFalse();
        JsonNode product = array.get(1);
        assertThat(product.get("collectionType").asText()).isEqualTo("X");
        assertThat(product.get("intendedUse").asText()).isEqualTo("AUTOLOGOUS_BIOHAZARDOUS");
        JsonNode bombay = array.get(2);
        assertThat(bombay.get("category").asText()).isEqualTo("BOMBAY");
        assertThat(bombay.get("abo").isNull()).isTrue();
        assertThat(bombay.get("rhd").asText()).isEqualTo("NEG");
        assertThat(bombay.get("intendedUse").asText()).isEqualTo("UNSPECIFIED");
        assertThat(bombay.get("description").asText()).isEqualTo("Bombay, RhD negative");
        assertThat(bombay.get("specialTestingBarcode").asBoolean()).isTrue();
    }

    @Test
    void refusesAReadWhoseBloodGroupAndTypeOfCollectionDisagree() throws Exception {
        int status = run("=%9800=<E0398200");

        assertThat(status).isEqualTo(1);
        assertThat(mapper.readTree(out.toString()).get(0).get("error").get("rule").asText())
                .isEqualTo("intended-use-mismatch");
    }

    @Test
    void appliesTheSiteZoneToGiveUtcInstantsBesideTheLabelLocalTimes() throws Exception {
        int status = run("--zone", "Europe/London", "&>0183652359", "&>0241821430", "&*0240910130");

        assertThat(status).isZero();
        JsonNode array = mapper.readTree(out.toString());
        assertThat(array.get(0).get("expires").asText()).isEqualTo("2018-12-31T23:59");
        assertThat(array.get(0).get("expiresAt").asText()).isEqualTo("2018-12-31T23:59:00Z");
        assertThat(array.get(1).get("expires").asText()).isEqualTo("2024-06-30T14:30");
        assertThat(array.get(1).get("expiresAt").asText()).as("BST").isEqualTo("2024-06-30T13:30:00Z");
        assertThat(array.get(2).get("collected").asText()).isEqualTo("2024-03-31T01:30");
        assertThat(array.get(2).get("collectedAt").asText()).as("in the gap: the transition").isEqualTo("2024-03-31T01:00:00Z");
    }

    @Test
    void givesTheSameLocalTimeADifferentInstantInAnotherZone() throws Exception {
        run("--zone", "America/New_York", "&>0241821430");

        assertThat(mapper.readTree(out.toString()).get(0).get("expiresAt").asText()).isEqualTo("2024-06-30T18:30:00Z");
    }

    @Test
    void rejectsAnUnknownZoneAsAUsageError() {
        int status = run("--zone", "Mars/Olympus", "=%5100");

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("Mars/Olympus");
    }

    @Test
    void requiresAtLeastOneInput() {
        assertThat(run()).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }
}
