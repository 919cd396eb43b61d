package io.resetflow.testing.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    private static final int[] EPHEMERAL = Ports.ephemeralRange();

    @Test
    void portsAreChosenOutsideTheEphemeralRangeAndNeverTwice() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertThat(port < EPHEMERAL[0] || port > EPHEMERAL[1]).as("port %d", port).isTrue();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void aBlockLiesWhollyOutsideTheEphemeralRangeAndOverlapsNoOther() {
        int first = Ports.freeBlock(100, 48, 80, 76);
        int second = Ports.freeBlock(100, 48, 80, 76);
        for (int base : new int[] {first, second}) {
            assertThat(base + 99 < EPHEMERAL[0] || base > EPHEMERAL[1]).as("block %d-%d", base, base + 99).isTrue();
        }
        assertThat(Math.abs(first - second)).isGreaterThanOrEqualTo(100);
        int single = Ports.free();
        assertThat(single < first || single > first + 99).isTrue();
        assertThat(single < second || single > second + 99).isTrue();
    }
}
