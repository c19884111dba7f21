package org.hemowatch.api;

import org.hemowatch.domain.rule.RejectedException;
import io.vertx.ext.web.Router;

/**
 * A feature's routes under {@code /api/v1}. They are mounted after authentication and body
 * handling; use {@code auth.require(...)} for roles, {@link AuthHandler#checkSite} for site
 * scope, and throw {@link ApiProblem} (or fail with an {@code RejectedException}) for errors.
 */
@FunctionalInterface
public interface ApiRoutes {
    void mount(Router api, AuthHandler auth);
}
