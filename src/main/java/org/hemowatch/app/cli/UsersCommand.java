package org.hemowatch.app.cli;

import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.app.config.ConfigLoader;
import org.hemowatch.app.config.HemowatchConfig;
import org.hemowatch.auth.RevocationBus;
import org.hemowatch.auth.Role;
import org.hemowatch.auth.Sessions;
import org.hemowatch.auth.UserAccounts;
import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.UserRecord;
import org.hemowatch.store.UserRecords;
import org.hemowatch.store.WriterListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code hemowatch users add --username NAME --role ROLE [--site SITE] --password-stdin}: creates a
 * personal account in the configured database (the same config file and {@code HEMOWATCH_*} variables
 * as {@code serve}). The password is read from the first line of standard input, never from the
 * command line (which other users of the machine can see). Works while the service runs: the service
 * finds a new user at their first login.
 */
@Command(name = "users", description = "Manage personal accounts.", subcommands = UsersCommand.Add.class)
public final class UsersCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a personal account (password read from standard input).")
    static final class Add implements Callable<Integer> {

        @Option(names = "--username", required = true, description = "Login name: letters, digits, '.', '_', '-'")
        String username;

        @Option(names = "--role", required = true, description = "admin, technician, hospital or station")
        String role;

        @Option(names = "--site", description = "Limit the person to this site (default: all sites)")
        String site;

        @Option(names = "--password-stdin", required = true, description = "Read the password from the first line of standard input")
        boolean passwordStdin;

        @Option(names = {"-c", "--config"}, description = "YAML or JSON config file (default: ./hemowatch.yaml if present)")
        Path config;

        @Override
        public Integer call() throws Exception {
            HemowatchConfig cfg = ConfigLoader.loadForCommand(config).orElse(null);
            if (cfg == null) {
                return 2;
            }
            Role r = Role.parse(role).filter(UserAccounts.PERSON_ROLES::contains).orElse(null);
            if (r == null) {
                System.err.println("hemowatch: --role must be one of admin, technician, hospital, station");
                return 2;
            }
            if (site != null && !cfg.knowsSite(site)) {
                System.err.println("hemowatch: site '" + site + "' is not configured");
                return 2;
            }
            String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (password == null || password.isEmpty()) {
                System.err.println("hemowatch: no password on standard input");
                return 2;
            }
            try (Database db = Database.open(new DatabaseConfig(cfg.jdbcUrl(), cfg.db().user(), cfg.db().password(), 1))) {
                GroupCommitWriter writer = new GroupCommitWriter(db, 1, WriterListener.NONE);
                try {
                    Clock clock = Clock.systemUTC();
                    Sessions sessions = new Sessions(writer, clock, cfg.auth(), List.of());
                    UserAccounts users = new UserAccounts(writer, clock, Runnable::run, sessions, db.read(UserRecords::loadAll),
                            name -> db.read(c -> UserRecords.find(c, name)), new RevocationBus());
                    UserRecord u = users.create(username, r, site, password, "cli").get(60, TimeUnit.SECONDS);
                    System.out.println("created user " + u.username() + " (" + u.role() + (u.site() == null ? ", all sites" : ", site " + u.site()) + ")");
                    return 0;
                } catch (ExecutionException e) {
                    System.err.println("hemowatch: " + Rejection.of(e.getCause()).map(Rejection::message).orElse(e.getCause().getMessage()));
                    return 1;
                } finally {
                    writer.close();
                }
            }
        }
    }
}
