package org.hemowatch.app.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.hemowatch.coldchain.ColdChainConfig;
import org.hemowatch.ingest.mqtt.MqttConfig;
import org.hemowatch.ingest.serial.SerialConfig;
import org.hemowatch.alerts.AlertsConfig;
import org.hemowatch.auth.AuthConfig;
import org.hemowatch.supply.SupplyConfig;

import org.hemowatch.auth.SecurityConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.ShelfLife;

/**
 * The whole service configuration, bound from a YAML/JSON file and {@code HEMOWATCH_*}
 * environment variables by {@link ConfigLoader}. Every field has a default, so an empty file
 * (or none) runs the service on embedded defaults: SQLite under {@code ./data}, HTTP on 8080,
 * the MQTT endpoint on 1883.
 *
 * @param site     default site id, used when a request names none
 * @param zone     time zone of the default site (ISBT 128 dates are local times)
 * @param dataDir  directory for the SQLite file and the first admin key
 * @param sites    further sites and their time zones
 * @param products product code → component class code ({@code RBC}, {@code PLT}, ...), merged over the defaults
 * @param shelfLife component class code → longest shelf life as an ISO-8601 duration ({@code RBC: P42D}),
 *                 merged over {@link ShelfLife#defaults()}; a label expiring later is {@code implausible-expiry}
 * @param serial   serial ports of fridge controllers and scanners
 * @param region   whose storage rules the device defaults follow: {@code EU_UK} (default: UK, EU, Australia) or {@code US}
 * @param coldChain storage devices and cold-chain rules (see docs/cold-chain.md)
 * @param mqtt     MQTT endpoint or external broker ({@code mqtt.*})
 * @param supply   par levels and demand window ({@link SupplyConfig})
 * @param alerts   alert evaluation, delivery and routing ({@link AlertsConfig})
 * @param auth     personal accounts and console sessions ({@link AuthConfig})
 * @param security clock skew, reading age and authentication throttling ({@link SecurityConfig})
 */
@JsonIgnoreProperties(value = {"$schema"})
public record HemowatchConfig(
        String site,
        String zone,
        String dataDir,
        HttpConfig http,
        DbConfig db,
        Map<String, SiteConfig> sites,
        Map<String, String> products,
        Map<String, String> shelfLife,
        SerialConfig serial,
        ColdChainConfig coldChain,
        MqttConfig mqtt,
        SupplyConfig supply,
        AlertsConfig alerts,
        AuthConfig auth,
        SecurityConfig security,
        String region) {

    public HemowatchConfig {
        site = site == null ? "main" : site;
        zone = zone == null ? "UTC" : zone;
        dataDir = dataDir == null ? "./data" : dataDir;
        http = http == null ? new HttpConfig(null, null, null, null, null) : http;
        db = db == null ? new DbConfig(null, null, null, null, null) : db;
        sites = sites == null ? Map.of() : Map.copyOf(sites);
        products = products == null ? Map.of() : Map.copyOf(products);
        shelfLife = shelfLife == null ? Map.of() : Map.copyOf(shelfLife);
        serial = serial == null ? new SerialConfig(null) : serial;
        coldChain = coldChain == null ? ColdChainConfig.defaults() : coldChain;
        region = region == null ? "EU_UK" : region;
        coldChain = coldChain.withRegion(region);
        mqtt = mqtt == null ? MqttConfig.defaults() : mqtt;
        supply = supply == null ? SupplyConfig.defaults() : supply;
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
        auth = auth == null ? AuthConfig.defaults() : auth;
        security = security == null ? SecurityConfig.defaults() : security;
    }

    /**
     * HTTP listener. {@code port} 0 picks a free port (tests).
     *
     * @param idleTimeoutSeconds a connection with no bytes either way for this long is closed (default 60)
     * @param requestHeadTimeoutSeconds a client must send a request's whole head within this long of its first
     *                           byte, or the connection is closed (slowloris; default 10)
     */
    public record HttpConfig(String host, Integer port, Integer bodyLimitBytes, Integer idleTimeoutSeconds, Integer requestHeadTimeoutSeconds) {
        public HttpConfig {
            host = host == null ? "0.0.0.0" : host;
            port = port == null ? 8080 : port;
            bodyLimitBytes = bodyLimitBytes == null ? 64 * 1024 : bodyLimitBytes;
            idleTimeoutSeconds = idleTimeoutSeconds == null ? 60 : idleTimeoutSeconds;
            requestHeadTimeoutSeconds = requestHeadTimeoutSeconds == null ? 10 : requestHeadTimeoutSeconds;
        }
    }

    /**
     * Database. With no {@code url} the service uses {@code jdbc:sqlite:<dataDir>/hemowatch.db}.
     *
     * @param maxBatch most writes committed in one transaction by the group-commit writer
     */
    public record DbConfig(String url, String user, String password, Integer maxBatch, Integer readPoolSize) {
        public DbConfig {
            maxBatch = maxBatch == null ? 512 : maxBatch;
            readPoolSize = readPoolSize == null ? 4 : readPoolSize;
        }
    }

    /**
     * A site besides the default one (or the default site's own settings).
     *
     * @param crossover whether crossover-eligible directed/autologous units join general stock at this site (default false)
     */
    public record SiteConfig(String zone, String name, Boolean crossover) {
    }

    /** The data directory as an absolute path (relative paths are resolved against the working directory). */
    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /** The JDBC URL in force: the configured one, or the embedded SQLite file. */
    public String jdbcUrl() {
        return db.url() != null && !db.url().isBlank() ? db.url() : "jdbc:sqlite:" + dataPath().resolve("hemowatch.db");
    }

    /** Time zone of a site: its own, else the default zone. */
    public ZoneId zoneOf(String siteId) {
        SiteConfig s = sites.get(siteId);
        return ZoneId.of(s != null && s.zone() != null ? s.zone() : zone);
    }

    /** Whether the site allows crossover-eligible units into general stock ({@code sites.<id>.crossover}). */
    public boolean crossoverAt(String siteId) {
        SiteConfig s = sites.get(siteId);
        return s != null && Boolean.TRUE.equals(s.crossover());
    }

    /** The default site and every site listed under {@code sites}, the default first. */
    public java.util.List<String> allSites() {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(site);
        sites.keySet().stream().sorted().filter(s -> !s.equals(site)).forEach(out::add);
        return out;
    }

    /** True if the site is the default site or one listed under {@code sites}. */
    public boolean knowsSite(String siteId) {
        return site.equals(siteId) || sites.containsKey(siteId);
    }

    /**
     * The maximum shelf life per component class: the defaults with {@code shelfLife} on top.
     *
     * @throws IllegalArgumentException naming the key when a class or a duration is not valid
     */
    public ShelfLife maxShelfLife() {
        Map<ComponentClass, Duration> overrides = new EnumMap<>(ComponentClass.class);
        shelfLife.forEach((cls, duration) -> {
            ComponentClass c = ComponentClass.parse(cls).orElseThrow(() -> new IllegalArgumentException(
                    "'shelfLife." + cls + "': unknown component class (use one of RBC, PLT, FFP, CRYO, WB, GRAN)"));
            Duration d;
            try {
                d = Duration.parse(duration);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'shelfLife." + cls + "' is not an ISO-8601 duration like P42D or PT24H: '"
                        + duration + "'");
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("'shelfLife." + cls + "' must be positive, got " + duration);
            }
            overrides.put(c, d);
        });
        return ShelfLife.defaults().with(overrides);
    }
}
