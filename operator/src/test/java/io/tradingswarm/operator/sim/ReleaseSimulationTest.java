package io.tradingswarm.operator.sim;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;

/**
 * The release-safety rules (docs/development.md, "The release simulation") over random histories:
 * the real Decider against an independent model cluster. Each try is one history drawn from one
 * seed; {@code -Dsim.seed=N} replays history N alone, {@code -Dsim.histories=N} sets how many run.
 */
@Tag("sim")
class ReleaseSimulationTest {

    @Property(shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.RANDOM_SEED, edgeCases = EdgeCasesMode.NONE)
    void everyHistoryKeepsTheReleaseSafetyRules(@ForAll("seeds") long seed) {
        History.play(seed, History.Shape.SMALL);
    }

    /** I7 at the API's limits: 20 bots, 50 steps, 20 probes. */
    @Property(tries = 4, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.RANDOM_SEED, edgeCases = EdgeCasesMode.NONE)
    void statusStaysSmallAtTheApiLimits(@ForAll("seeds") long seed) {
        History.play(seed, History.Shape.LIMITS);
    }

    /** Random seeds, or only the one named by -Dsim.seed (jqwik then runs it once). */
    @Provide
    Arbitrary<Long> seeds() {
        String replay = System.getProperty("sim.seed");
        return replay == null || replay.isBlank() ? Arbitraries.longs() : Arbitraries.just(Long.parseLong(replay.trim()));
    }
}
