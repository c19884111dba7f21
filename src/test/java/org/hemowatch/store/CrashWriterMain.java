package org.hemowatch.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import org.hemowatch.domain.BloodUnit;

/**
 * Child process of {@link SqliteStoreTest#everyAcknowledgedWriteSurvivesKill9()}: writes units
 * forever through the group-commit writer (many in flight, so batches form) and prints
 * {@code ACK <din>} for each one whose future completed, until it is killed.
 */
public final class CrashWriterMain {
    static final String ACK = "ACK ";
    static final int DIN_LENGTH = 13;

    private CrashWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Database db = Database.open(new DatabaseConfig(args[0], null, null, 1));
        GroupCommitWriter writer = new GroupCommitWriter(db, 32, WriterListener.NONE);
        Semaphore inFlight = new Semaphore(64);
        for (long i = 0; ; i++) {
            String din = String.format("K%012d", i);
            BloodUnit u = StoreFixtures.received(din);
            inFlight.acquire();
            writer.submit(tx -> {
                UnitRecords.save(tx, u);
                return din;
            }).whenComplete((d, e) -> {
                inFlight.release();
                if (e == null) {
                    synchronized (out) {
                        out.println(ACK + d);
                        out.flush();
                    }
                }
            });
        }
    }
}
