package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.schema.SchemaMigration;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A claim costs what lies before its last row, not what waits behind it or what has finished: with a backlog of 5,000
 * unfinished requests, the first 1,000 of them for one address that has 2,000 finished ones besides, the claim's
 * look-up of 20 due ids (that address's oldest, then 19 others) reads fewer than 4 index entries per unfinished row up
 * to the last one it takes, and picks the right ones. Counted, not timed: MariaDB's handler reads of the session
 * around the statement. Before the outbox's queue indexes, the same look-up read 2,010,221 entries: every unfinished
 * row, and for each one every finished request of its address (half a second per claim on a busy node).
 */
@ExtendWith(ServerExtension.class)
class OutboxBacklogIT {

    private static final String OFTEN = "often@example.test";
    private static final int OFTEN_FINISHED = 2_000;
    private static final int OFTEN_WAITING = 1_000;
    private static final int OTHERS_WAITING = 4_000;
    private static final int BATCH = 20;

    @Test
    void aClaimReadsAboutAsManyRowsAsItTakesWhateverWaitsBehind(TestServer server) throws Exception {
        try (TestDatabase db = server.database().sibling("backlog")) {
            SchemaMigration.upgrade(db.dataSource(), "MariaDB");
            long firstOfOften;
            List<Long> expected = new ArrayList<>();
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                insert(c, OFTEN, OFTEN_FINISHED, true);
                firstOfOften = insert(c, OFTEN, OFTEN_WAITING, false).get(0);
                List<Long> others = new ArrayList<>();
                for (int i = 0; i < OTHERS_WAITING; i++) {
                    others.addAll(insert(c, "other-" + i + "@example.test", 1, false));
                }
                c.commit();
                // Due in id order: the oldest waiting request of the busy address (the rest wait behind it), then the others.
                expected.add(firstOfOften);
                expected.addAll(others.subList(0, BATCH - 1));
            }

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("ANALYZE TABLE resetflow_mail_outbox");
                long first = handlerReads(s);
                long ownReads = handlerReads(s) - first;
                long before = handlerReads(s);
                List<Long> due = new ArrayList<>();
                try (ResultSet r = s.executeQuery(OutboxStore.DUE_IN_ORDER + BATCH)) {
                    while (r.next()) {
                        due.add(r.getLong(1));
                    }
                }
                long reads = handlerReads(s) - before - ownReads;

                assertThat(due).as("the due ids, oldest first, one per address").containsExactlyElementsOf(expected);
                int upToTheLast = OFTEN_WAITING + BATCH - 1;
                assertThat(reads).as("handler reads of one claim's look-up of %d ids, %d unfinished rows up to the last one taken, %d"
                        + " unfinished in all, %d finished", BATCH, upToTheLast, OFTEN_WAITING + OTHERS_WAITING, OFTEN_FINISHED)
                        .isLessThan(4L * upToTheLast);
            }
        }
    }

    /** Rows of one address, finished (dropped as superseded) or waiting, and their ids. */
    private static List<Long> insert(Connection c, String address, int count, boolean finished) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO resetflow_mail_outbox (kind, canonical_email, finished_at, outcome)"
                + (finished ? " VALUES ('password_reset', ?, CURRENT_TIMESTAMP(6), 'superseded')" : " VALUES ('password_reset', ?, NULL, NULL)"),
                Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, address);
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The session's handler reads so far (index and table reads of every kind); reading them costs a fixed few. */
    private static long handlerReads(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT SUM(VARIABLE_VALUE) FROM information_schema.SESSION_STATUS"
                + " WHERE VARIABLE_NAME LIKE 'HANDLER_READ%'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
