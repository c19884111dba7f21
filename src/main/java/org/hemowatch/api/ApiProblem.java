package org.hemowatch.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP error with its RFC 9457 problem body. Thrown (or passed to {@code ctx.fail}) anywhere
 * in a route; {@link ProblemHandler} renders it once.
 *
 * @param rule stable kebab-case name of what went wrong; also the problem's {@code type} suffix
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String rule;
    /** Further members of the problem body (RFC 9457 §3.2 extensions), or null. */
    private final Map<String, Object> extensions;

    public ApiProblem(int status, String rule, String detail) {
        this(status, rule, detail, null);
    }

    private ApiProblem(int status, String rule, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.rule = rule;
        this.extensions = extensions;
    }

    /** This problem with one more member in its body (e.g. the {@code meaning} a signature must confirm). */
    public ApiProblem with(String member, Object value) {
        Map<String, Object> ext = new LinkedHashMap<>(extensions());
        ext.put(member, value);
        return new ApiProblem(status, rule, getMessage(), Collections.unmodifiableMap(ext));
    }

    /** Extension members of the body; empty when there are none. */
    public Map<String, Object> extensions() {
        return extensions == null ? Map.of() : extensions;
    }

    public int status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    public static ApiProblem badRequest(String rule, String detail) {
        return new ApiProblem(400, rule, detail);
    }

    public static ApiProblem notFound(String rule, String detail) {
        return new ApiProblem(404, rule, detail);
    }

    public static ApiProblem forbidden(String rule, String detail) {
        return new ApiProblem(403, rule, detail);
    }

    public static ApiProblem conflict(String rule, String detail) {
        return new ApiProblem(409, rule, detail);
    }
}
