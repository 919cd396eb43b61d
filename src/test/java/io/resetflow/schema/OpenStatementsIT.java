package io.resetflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inserting rows leaves no JDBC statement open on the pooled connections. With the driver's generated keys,
 * EclipseLink 4.0 left every INSERT's statement open, and each stayed on its connection with its result, about one
 * per form post, for as long as the pool kept the connection: memory that only grew. Counted in the server's own
 * heap, after a full collection (jcmd).
 */
@ExtendWith(ServerExtension.class)
class OpenStatementsIT {

    private static final Pattern STATEMENTS = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+com\\.mysql\\.cj\\.jdbc\\.ClientPreparedStatement\\b",
            Pattern.MULTILINE);

    @Test
    void formPostsLeaveNoStatementOpen(TestServer server) throws Exception {
        long before = liveStatements(server);
        for (int i = 0; i < 100; i++) {
            assertThat(ResetSteps.askForLink(new WebClient(server), Accounts.uniqueEmail("statements")).text()).contains(ResetSteps.SENT);
        }
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE canonical_email LIKE 'statements-%'"))
                .as("each post inserted its row").isGreaterThanOrEqualTo(100);

        assertThat(liveStatements(server)).as("statements alive after 100 inserts (before: %d)", before).isLessThan(before + 10);
    }

    /** Live driver statements in the server's heap, counted after a full collection. */
    private static long liveStatements(TestServer server) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.process().pid()), "GC.class_histogram").redirectErrorStream(true).start();
        String histogram = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor()).as(histogram).isZero();
        assertThat(histogram).as("a class histogram").contains("java.lang.String");
        Matcher m = STATEMENTS.matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
