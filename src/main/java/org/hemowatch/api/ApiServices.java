package org.hemowatch.api;

import org.hemowatch.auth.Accounts;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.domain.Inventory;
import org.hemowatch.ingest.ScanIngest;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.store.Database;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What the HTTP API needs from the rest of the service; built once in the wiring.
 *
 * @param ready      true while the service runs and the database answers
 * @param ownedSites the sites whose timers and rules this instance owns (several instances on one database)
 * @param knownSite  whether a site id is configured
 * @param accounts   personal accounts and console sessions
 */
public record ApiServices(
        ScanIngest scans,
        Inventory inventory,
        Database database,
        ApiKeys keys,
        Accounts accounts,
        HemowatchMetrics metrics,
        BooleanSupplier ready,
        java.util.function.Supplier<java.util.Set<String>> ownedSites,
        Predicate<String> knownSite,
        String defaultSite,
        Clock clock) {
}
