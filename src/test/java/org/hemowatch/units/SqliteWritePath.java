package org.hemowatch.units;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.WriterListener;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unit write path on a real SQLite file, fresh around each test ({@code @RegisterExtension} instance field):
 * the database, its group-commit writer, the in-memory inventory and {@link UnitWrites} over them, as the service
 * wires them, without the rest of the service.
 */
final class SqliteWritePath implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private Database db;
    private GroupCommitWriter writer;
    private Inventory inventory;
    private UnitWrites writes;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("hemowatch-units");
        db = Database.open(new DatabaseConfig("jdbc:sqlite:" + dir.resolve("h.db"), null, null, 2));
        writer = new GroupCommitWriter(db, 64, WriterListener.NONE);
        inventory = new Inventory();
        writes = new UnitWrites(writer, inventory, new ChangeLog("test"));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        writer.close();
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    Database db() {
        return db;
    }

    Inventory inventory() {
        return inventory;
    }

    UnitWrites writes() {
        return writes;
    }

    /** Stores an O+ unit of {@code component} (product E0398, division 00) expiring at {@code expiry} in {@code location} at {@code now}; it must be accepted. */
    UnitKey store(String din, ComponentClass component, Instant expiry, String location, Instant now) throws Exception {
        UnitKey key = new UnitKey(din, "E0398", "00");
        UnitCommand cmd = new UnitCommand(UnitAction.STORE, key, new UnitCommand.LabelFacts(component,
                new BloodGroup(Abo.O, RhD.POS), expiry), "main", location, null, "tech", "test", null, now);
        assertThat(writes.apply(cmd).get()).isInstanceOf(Decision.Accepted.class);
        return key;
    }
}
