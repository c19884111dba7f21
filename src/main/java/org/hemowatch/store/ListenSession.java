package org.hemowatch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The wake-up of a thread that follows a table by polling (ChangeFollower, ReadingFeed): on
 * PostgreSQL a {@code LISTEN} session of its own on one channel, so a {@code NOTIFY} sent by a
 * committing writer (of any instance) ends the wait at once; elsewhere, or while the session is
 * broken, a plain sleep. Polling is the truth: a lost notification only delays the reader by one
 * wait. One thread only.
 */
final class ListenSession implements AutoCloseable {

    private final Database db;
    private final String channel;
    private Connection listen;

    ListenSession(Database db, String channel) {
        this.db = db;
        this.channel = channel;
    }

    /** Waits up to {@code ms} for a notification (or sleeps that long); false when the thread was interrupted. */
    boolean await(long ms) {
        if (db.dialect() == Dialect.POSTGRESQL) {
            try {
                if (listen == null || !listen.isValid(1)) {
                    close();
                    listen = db.openSessionConnection();
                    try (Statement st = listen.createStatement()) {
                        st.execute("LISTEN " + channel);
                    }
                }
                listen.unwrap(PGConnection.class).getNotifications((int) ms);
                return !Thread.currentThread().isInterrupted();
            } catch (SQLException e) {
                close(); // polling carries on; the session is opened again next time
            }
        }
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (listen != null) {
            try {
                listen.close();
            } catch (SQLException ignored) {
                // closing a broken session
            }
            listen = null;
        }
    }

    /** Stops a polling thread that waits in {@link #await}: interrupts it and waits up to 5 s for it to end. */
    static void stop(Thread t) {
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
