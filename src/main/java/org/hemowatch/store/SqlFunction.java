package org.hemowatch.store;

import java.sql.SQLException;

/** A function that may throw {@link SQLException}, used for reads on a pooled connection. */
@FunctionalInterface
public interface SqlFunction<T, R> {
    R apply(T t) throws SQLException;
}
