package io.tradingswarm.operator.unit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tradingswarm.operator.planner.Weights;

@Tag("unit")
class WeightsTest {

    @ParameterizedTest(name = "{0} replicas at {1}% -> new {2}, stable {3} once new pods are ready")
    @CsvSource({
            // replicas, weight, new, stable (all new pods ready)
            "1, 0, 0, 1", "1, 10, 1, 1", "1, 50, 1, 1", "1, 99, 1, 1", "1, 100, 1, 0",
            "2, 10, 1, 2", "2, 25, 1, 2", "2, 50, 1, 1", "2, 75, 2, 1", "2, 100, 2, 0",
            "3, 10, 1, 3", "3, 25, 1, 3", "3, 50, 2, 2", "3, 75, 3, 1", "3, 100, 3, 0",
            "10, 10, 1, 9", "10, 25, 3, 8", "10, 50, 5, 5", "10, 75, 8, 3",
            "0, 50, 0, 0", "0, 100, 0, 0"})
    void bothSlotsRoundUpSoNeitherIsEverShortOfItsShare(int replicas, int weight, int expectedNew, int expectedStable) {
        int fresh = Weights.newReplicas(replicas, weight);
        assertEquals(expectedNew, fresh);
        assertEquals(expectedStable, Weights.stableReplicas(replicas, weight, fresh));
    }

    @ParameterizedTest(name = "{0} replicas at {1}% with {2} new pods ready keeps {3} stable")
    @CsvSource({"4, 50, 0, 4", "4, 50, 1, 3", "4, 50, 2, 2", "4, 100, 3, 1", "1, 100, 0, 1"})
    void stableShrinksOnlyBehindReadyNewPods(int replicas, int weight, int readyNew, int expectedStable) {
        assertEquals(expectedStable, Weights.stableReplicas(replicas, weight, readyNew));
    }
}
