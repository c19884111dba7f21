package org.hemowatch.api;

/**
 * An HTTP error with its RFC 9457 problem body. Thrown (or passed to {@code ctx.fail}) anywhere
 * in a route; {@link ProblemHandler} renders it once.
 *
 * @param rule stable kebab-case name of what went wrong; also the problem's {@code type} suffix
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String rule;

    public ApiProblem(int status, String rule, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.rule = rule;
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
