package org.hemowatch.app;

import io.vertx.core.Future;
import org.hemowatch.alerts.DocumentAlertStore;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.json.JsonMappers;
import org.hemowatch.store.ApiKeyRecords;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Database;
import org.hemowatch.store.ReadingFeed;
import org.hemowatch.store.UnitRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions that make several instances on one PostgreSQL behave as one (issue 15), in one
 * place: views follow the change log; one owner per site runs its alert rules, timers and cold-chain
 * engine. A single instance on SQLite owns every site: its cold chain takes its readings directly
 * from the ingest path, after their commit, with no detour through the database.
 */
final class SeveralInstances {

    private static final Logger LOG = LoggerFactory.getLogger(SeveralInstances.class);

    private SeveralInstances() {
    }

    static void subscribe(Components c) {
        // views follow the database: changes committed by other instances sharing it reach this instance's inventory and keys
        Database db = c.store().database();
        c.follower().on(ChangeLog.Kind.UNIT, subject -> c.writes().follow(ChangeLog.unitKey(subject)));
        c.follower().on(ChangeLog.Kind.KEY, id -> c.keys().follow(db.read(ApiKeyRecords::loadAll)));
        c.follower().on(ChangeLog.Kind.DEVICE, c.coldChain()::follow);
        c.follower().on(ChangeLog.Kind.PAR, c.supply()::follow);
        c.follower().on(ChangeLog.Kind.ALERT, id -> DocumentAlertStore.find(db, id).ifPresent(c.alerts().service()::follow));
        // one owner per site: alert rules, reminders, escalations and the expiry sweep act for the owned sites only
        c.alerts().service().ownedSites(c.ownership()::owns);
        c.ownership().onTakeover(site -> c.alerts().service().evaluateSoon());
        c.follower().onResync(() -> {
            db.read(UnitRecords::loadAll).forEach(u -> c.writes().follow(u.key()));
            c.keys().follow(db.read(ApiKeyRecords::loadAll));
        });
        if (c.readingFeed().isEmpty()) {
            c.readings().onReadings(c.coldChain()::readings); // one instance: the direct path
            c.readings().onStatus(report -> c.coldChain().status(report, unowned -> { }));
            return;
        }
        // several instances: the cold chain of a site runs on its owner only, from the committed readings
        c.coldChain().ownedSites(c.ownership()::owns);
        c.ownership().onTakeover(c.coldChain()::adopt);
        c.coldChain().onStanding(c.alerts().service()::acceptStandingColdChain);
        c.readingFeed().get().onReadings(c.coldChain()::committed);
        c.follower().on(ChangeLog.Kind.MONITOR, c.coldChain()::followMonitor);
        c.readings().onStatus(report -> c.coldChain().status(report, unowned -> toOwner(c, unowned)));
        c.follower().on(ChangeLog.Kind.STATUS, json -> c.coldChain().status(JsonMappers.readSnapshot(json, DeviceStatusReport.class),
                stillUnowned -> LOG.debug("status of {}/{} dropped: its site has no owner here", stillUnowned.site(), stillUnowned.device())));
    }

    /** A status report of a site owned elsewhere: the change log carries it to the owner (status reports are not stored otherwise). */
    private static void toOwner(Components c, DeviceStatusReport report) {
        String json = JsonMappers.writeSnapshot(report);
        c.store().writer().submit(tx -> {
            c.changes().record(tx, ChangeLog.Kind.STATUS, json);
            return null;
        }).exceptionally(e -> {
            LOG.warn("status {} of {}/{} could not be passed to the site's owner: {}", report.code(), report.site(), report.device(),
                    e.getMessage());
            return null;
        });
    }

    /** The committed-readings feed, started once the cold chain is (its position is read then). */
    static Startable feed(Components c, ReadingFeed feed) {
        return Startable.stoppedAtOnce("committed readings feed", () -> c.vertx().executeBlocking(() -> {
            feed.start();
            return null;
        }).mapEmpty(), feed::close);
    }
}
