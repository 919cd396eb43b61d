package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The floor failed sign-ins are held to, on a clock the test moves. */
class FailureFloorTest {

    private long now;
    private final List<Long> held = new ArrayList<>();
    private final FailureFloor floor = new FailureFloor(() -> now, held::add);

    @Test
    void aFailureIsHeldUntilItHasLastedTheTypicalCheckOfTheCostliestKey() {
        floor.observe("argon2", 30);
        floor.observe("bcrypt/12", 250);
        floor.observe("phpass/9", 2);

        now = 40;
        floor.hold(0);

        assertThat(held).containsExactly(210L);
    }

    @Test
    void aFailureThatAlreadyLastedTheFloorIsNotHeld() {
        floor.observe("argon2", 30);
        now = 30;
        floor.hold(0);
        now = 100;
        floor.hold(0);

        assertThat(held).isEmpty();
    }

    @Test
    void aFloodOfCheapChecksCannotPushACostlyKeyOut() {
        floor.observe("bcrypt/12", 250);
        for (int i = 0; i < 10 * FailureFloor.PER_KEY; i++) {
            floor.observe("phpass/9", 2);
        }

        assertThat(floor.floorNanos()).isEqualTo(250);
    }

    @Test
    void aKeyFollowsTheLoadOfItsRecentChecks() {
        floor.observe("argon2", 900);
        for (int i = 0; i < FailureFloor.PER_KEY; i++) {
            floor.observe("argon2", 30);
        }

        assertThat(floor.floorNanos()).isEqualTo(30);
    }

    @Test
    void onePauseOfTheWholeMachineAmongOrdinaryChecksDoesNotRaiseTheFloor() {
        for (int i = 0; i < FailureFloor.TIMINGS_AT_START; i++) {
            floor.observe("bcrypt/12", 250);
        }
        floor.observe("bcrypt/12", 2_800);

        assertThat(floor.floorNanos()).isEqualTo(250);
    }

    @Test
    void aKeyWhoseChecksAllSlowedDownRaisesTheFloor() {
        for (int i = 0; i < FailureFloor.PER_KEY; i++) {
            floor.observe("bcrypt/12", i < FailureFloor.PER_KEY / 2 ? 250 : 600);
        }

        assertThat(floor.floorNanos()).as("half the recent checks slower: the median follows").isEqualTo(250);
        floor.observe("bcrypt/12", 600);
        assertThat(floor.floorNanos()).as("most of them slower").isEqualTo(600);
    }

    @Test
    void onePauseOfTheWholeMachineNeverHoldsFailuresBeyondTheCap() {
        floor.observe("argon2", 60_000_000_000L);

        assertThat(floor.floorNanos()).isEqualTo(FailureFloor.MAX_NANOS);
    }

    @Test
    void beyondTheLastKeyNewKeysAreNotLearntAndOldOnesStay() {
        for (int i = 0; i < FailureFloor.MAX_KEYS; i++) {
            floor.observe("key/" + i, i == 0 ? 500 : 1);
        }
        floor.observe("one too many", 9_000);

        assertThat(floor.floorNanos()).isEqualTo(500);
    }
}
