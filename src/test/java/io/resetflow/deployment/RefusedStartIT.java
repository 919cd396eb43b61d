package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A start the product refuses ends the start script's process, exit status 78, with the refusal line as its last
 * words, rather than leaving a server whose pages cannot work: here a host table that the database does not hold,
 * tried as a new operator would with a typo in {@code USERS_TABLE}.
 */
@ExtendWith(ServerExtension.class)
class RefusedStartIT {

    @Test
    void aMappedTableThatIsNotThereEndsTheStartWithTheRefusalLine(TestServer shared) throws Exception {
        try (TestDatabase database = shared.database().sibling("refused")) {
            PayaraMicroServer.Ended ended = PayaraMicroServer.startExpectingExit(TestServer.nodeLaunch("refused", database, Ports.free(),
                    Map.of("USERS_TABLE", "user", "HOST_SIGN_IN_URL", "https://shop.example.test/login")), Duration.ofMinutes(4));

            List<String> lines = ended.output().stream().filter(line -> !line.isBlank()).toList();
            assertThat(ended.exitStatus()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).isEqualTo(78);
            assertThat(lines.get(lines.size() - 1)).isEqualTo("ResetFlow refuses to start: USERS_TABLE: the database has no table user");
        }
    }
}
