package org.hemowatch.api.fhir;

import org.hemowatch.domain.coldchain.Region;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A blood unit as an HL7 FHIR R5 {@code BiologicallyDerivedProduct}. Pure: the current time is
 * passed in because "available" depends on the expiry.
 */
public final class BiologicallyDerivedProducts {

    public static final String RESOURCE_TYPE = "BiologicallyDerivedProduct";

    /** FHIR {@code id} datatype. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private BiologicallyDerivedProducts() {
    }

    /** The resource id of a unit: {@code DIN-productCode-division}, e.g. {@code A999926000001-E0398-00}. */
    public static String id(UnitKey key) {
        return key.din() + "-" + key.productCode() + "-" + key.division();
    }

    /** True if {@code id} is a syntactically valid FHIR id. */
    public static boolean isFhirId(String id) {
        return id != null && FHIR_ID.matcher(id).matches();
    }

    /** The unit key named by a resource id, or empty if the id cannot name a unit. */
    public static Optional<UnitKey> key(String id) {
        String[] parts = id.split("-", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnitKey(parts[0], parts[1], parts[2]));
    }

    /** R5 productStatus code: {@code available} only for an AVAILABLE unit before its expiry. */
    public static String status(BloodUnit u, Instant now) {
        return u.status() == UnitStatus.AVAILABLE && !u.isExpiredAt(now) ? "available" : "unavailable";
    }

    /** The resource for {@code u} at {@code now}, storage ranges of the default region ({@link Region#EU_UK}). */
    public static JsonObject resource(BloodUnit u, Instant now) {
        return resource(u, now, Region.EU_UK);
    }

    /** The resource for {@code u} at {@code now}, with the storage range of its component in {@code region}. */
    public static JsonObject resource(BloodUnit u, Instant now, Region region) {
        String status = status(u, now);
        String category = FhirCodes.category(u.component());
        JsonObject r = new JsonObject()
                .put("resourceType", RESOURCE_TYPE)
                .put("id", id(u.key()))
                .put("meta", new JsonObject().put("versionId", Long.toString(u.version())).put("lastUpdated", u.updated().toString()))
                .put("productCategory", coding(FhirCodes.CATEGORY_SYSTEM, category, null))
                .put("productCode", new JsonObject().put("coding", new JsonArray().add(coding(FhirCodes.PRODUCT_CODE_SYSTEM, u.key().productCode(), null))))
                .put("identifier", new JsonArray().add(identifier(FhirCodes.UNIT_ID_SYSTEM, id(u.key()))))
                .put("biologicalSourceEvent", identifier(FhirCodes.DIN_SYSTEM, u.key().din()))
                .put("division", u.key().division())
                .put("productStatus", coding(FhirCodes.STATUS_SYSTEM, status, status.equals("available") ? "Available" : "Unavailable"))
                .put("expirationDate", u.expires().toString());
        StorageRange.of(u.component(), region).ifPresent(range -> r.put("storageTempRequirements", range(range)));
        r.put("property", new JsonArray().add(new JsonObject()
                .put("type", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                        .put("system", FhirCodes.PROPERTY_TYPE_SYSTEM).put("code", FhirCodes.ABO_RHD_PROPERTY))))
                .put("valueCodeableConcept", new JsonObject().put("coding", new JsonArray().add(
                        coding(FhirCodes.ABO_RHD_SYSTEM, FhirCodes.aboRhDCode(u.group()), FhirCodes.aboRhDDisplay(u.group()))))))
                // the label's intended use and the biohazard flag travel with the unit into every system that reads it
                .add(new JsonObject()
                        .put("type", concept(FhirCodes.PROPERTY_SYSTEM, FhirCodes.BIOHAZARDOUS_PROPERTY, "Biohazardous"))
                        .put("valueBoolean", u.intendedUseOrDefault().biohazardous()))
                .add(new JsonObject()
                        .put("type", concept(FhirCodes.PROPERTY_SYSTEM, FhirCodes.INTENDED_USE_PROPERTY, "Intended use"))
                        .put("valueCodeableConcept", concept(FhirCodes.INTENDED_USE_SYSTEM, u.intendedUseOrDefault().name(),
                                FhirCodes.intendedUseDisplay(u.intendedUseOrDefault())))));
        return r;
    }

    private static JsonObject range(StorageRange range) {
        JsonObject r = new JsonObject();
        if (range.low() != null) {
            r.put("low", celsius(range.low()));
        }
        if (range.high() != null) {
            r.put("high", celsius(range.high()));
        }
        return r;
    }

    private static JsonObject celsius(double value) {
        // whole degrees as JSON integers (1, not 1.0), as in the R5 example
        Number n = value == Math.rint(value) ? (Number) (long) value : (Number) value;
        return new JsonObject().put("value", n).put("unit", "°C").put("system", FhirCodes.UCUM).put("code", "Cel");
    }

    private static JsonObject concept(String system, String code, String display) {
        return new JsonObject().put("coding", new JsonArray().add(coding(system, code, display)));
    }

    private static JsonObject coding(String system, String code, String display) {
        JsonObject c = new JsonObject().put("system", system).put("code", code);
        if (display != null) {
            c.put("display", display);
        }
        return c;
    }

    private static JsonObject identifier(String system, String value) {
        return new JsonObject().put("system", system).put("value", value);
    }
}
