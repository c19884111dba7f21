package org.hemowatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hemowatch.json.JsonMappers;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.hemowatch.isbt128.BloodGroupCode;
import org.hemowatch.isbt128.DateStructure;
import org.hemowatch.isbt128.DecodeResult;
import org.hemowatch.isbt128.Din;
import org.hemowatch.isbt128.Isbt128Decoder;
import org.hemowatch.isbt128.Isbt128Structure;
import org.hemowatch.isbt128.ProductCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hemowatch decode DATA...}: decodes ISBT 128 scanner reads and prints one JSON array with an
 * object per structure found (or per failed input, in its place). Exit status 1 if any input failed.
 */
@Command(name = "decode",
        description = "Decode ISBT 128 barcode reads and print the structures found as one JSON array.")
public final class DecodeCommand implements Callable<Integer> {

    private static final DateTimeFormatter TO_THE_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final ObjectMapper mapper = JsonMappers.WIRE;

    @Spec
    CommandSpec spec;

    private ZoneId zone = ZoneId.of("UTC");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "DATA", arity = "1..*",
            description = "Scanner reads; each may carry the AIM ']C0' prefix and concatenated structures.")
    List<String> data;

    @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE",
            description = "Time zone of the labelling site (default: ${DEFAULT-VALUE}): label dates are printed as local"
                    + " date-times and as UTC instants in that zone (expiresAt, collectedAt).")
    void setZone(String value) {
        try {
            zone = ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--zone': '" + value + "' is not a time zone such as UTC or Europe/London.");
        }
    }

    /** The site zone; label dates are local to it and turned into instants with it. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        ArrayNode out = mapper.createArrayNode();
        boolean anyFailed = false;
        for (String input : data) {
            DecodeResult result = Isbt128Decoder.decode(input);
            if (result instanceof DecodeResult.Decoded decoded) {
                decoded.structures().forEach(s -> out.add(toJson(s)));
            } else if (result instanceof DecodeResult.Failed failed) {
                anyFailed = true;
                ObjectNode node = out.addObject();
                node.put("input", failed.input());
                ObjectNode error = node.putObject("error");
                error.put("rule", failed.error().rule());
                error.put("message", failed.error().message());
            }
        }
        PrintWriter writer = spec.commandLine().getOut();
        writer.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        writer.flush();
        return anyFailed ? 1 : 0;
    }

    private ObjectNode toJson(Isbt128Structure structure) {
        ObjectNode node = mapper.createObjectNode();
        node.put("structure", structure.structure());
        node.put("kind", structure.kind());
        if (structure instanceof Din din) {
            node.put("din", din.din());
            node.put("flags", din.flags());
            node.put("checkCharacter", String.valueOf(din.checkCharacter()));
        } else if (structure instanceof BloodGroupCode group) {
            node.put("code", group.code());
            node.put("category", group.category().name());
            node.put("abo", group.abo() == null ? null : group.abo().name());
            node.put("rhd", group.rhd() == null ? null : group.rhd().name());
            node.put("intendedUse", group.intendedUse() == null ? null : group.intendedUse().name());
            node.put("description", group.description());
            node.put("specialTestingBarcode", group.specialTestingBarcode());
            if (group.special() != null) {
                node.put("special", group.special());
            }
        } else if (structure instanceof ProductCode product) {
            node.put("productCode", product.productCode());
            node.put("collectionType", String.valueOf(product.collectionType()));
            product.typeOfCollection().ifPresent(t -> {
                node.put("collectionTypeDescription", t.description());
                node.put("intendedUse", t.intendedUse().map(Enum::name).orElse(null));
            });
            node.put("division", product.division());
        } else if (structure instanceof DateStructure date) {
            boolean expiry = Isbt128Structure.KIND_EXPIRY.equals(date.kind());
            node.put(expiry ? "expires" : "collected", date.dateTime().format(TO_THE_MINUTE));
            node.put(expiry ? "expiresAt" : "collectedAt", date.instant(zone).toString());
        }
        return node;
    }
}
