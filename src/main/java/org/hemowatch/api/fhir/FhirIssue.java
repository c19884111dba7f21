package org.hemowatch.api.fhir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An error of the FHIR view, answered as an {@code OperationOutcome} (not problem+json) so that
 * FHIR clients can read it. Thrown in the FHIR routes; rendered by {@link FhirRoutes}.
 *
 * @param code FHIR issue-type code, e.g. {@code not-found}, {@code invalid}
 */
public final class FhirIssue extends RuntimeException {

    private final int status;
    private final String code;

    public FhirIssue(int status, String code, String diagnostics) {
        super(diagnostics, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static FhirIssue notFound(String diagnostics) {
        return new FhirIssue(404, "not-found", diagnostics);
    }

    public static FhirIssue invalid(String diagnostics) {
        return new FhirIssue(400, "invalid", diagnostics);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The {@code OperationOutcome} resource of this issue. */
    public JsonObject outcome() {
        return new JsonObject().put("resourceType", "OperationOutcome").put("issue", new JsonArray().add(new JsonObject()
                .put("severity", "error").put("code", code).put("diagnostics", getMessage())));
    }
}
