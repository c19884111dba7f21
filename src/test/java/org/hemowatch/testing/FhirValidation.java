package org.hemowatch.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

import java.util.List;

/**
 * The HL7 reference validator (HAPI FHIR, R5 core definitions, no terminology server) over FHIR
 * JSON the service sent. {@link Http} and {@link SessionClient} call {@link #assertValid} on every
 * {@code application/fhir+json} answer, so each FHIR response any test produces is validated.
 * Errors and fatal issues fail; warnings and information (e.g. an ISBT 128 code system the
 * validator does not know) do not.
 */
public final class FhirValidation {

    private FhirValidation() {
    }

    /** Built once per test JVM: loading the R5 definitions takes seconds. */
    private static final class Holder {
        static final FhirValidator VALIDATOR = build();

        private static FhirValidator build() {
            FhirContext ctx = FhirContext.forR5Cached();
            ValidationSupportChain chain = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(ctx),
                    new CommonCodeSystemsTerminologyService(ctx),
                    new InMemoryTerminologyServerValidationSupport(ctx),
                    new SnapshotGeneratingValidationSupport(ctx));
            return ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        }
    }

    /**
     * Starts loading the R5 definitions in the background (tens of seconds of CPU, minutes on a loaded
     * machine), so that a test's first FHIR answer does not wait for it inside the test's timeout.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> errors("{\"resourceType\":\"Basic\",\"code\":{\"text\":\"warm-up\"}}"), "fhir-validator-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until the validator is loaded (call it outside a test's timeout, e.g. in {@code @BeforeAll}). */
    public static void awaitReady() {
        errors("{\"resourceType\":\"Basic\",\"code\":{\"text\":\"warm-up\"}}");
    }

    /** The error and fatal messages of validating {@code json}; empty when the resource is valid. */
    public static List<String> errors(String json) {
        ValidationResult result;
        synchronized (Holder.VALIDATOR) {
            result = Holder.VALIDATOR.validateWithResult(json);
        }
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirValidation::describe)
                .toList();
    }

    /** @throws AssertionError listing what the validator found wrong in {@code json} */
    public static void assertValid(String what, String json) {
        List<String> errors = errors(json);
        if (!errors.isEmpty()) {
            throw new AssertionError(what + ": the HAPI FHIR validator found " + errors.size() + " error(s):\n  "
                    + String.join("\n  ", errors) + "\nresource: " + (json.length() > 1500 ? json.substring(0, 1500) + "…" : json));
        }
    }

    private static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " at " + m.getLocationString() + ": " + m.getMessage();
    }
}
