package io.tradingswarm.operator.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tradingswarm.operator.planner.RunId;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.probe.Measurement;

/**
 * The probe runner as the world sees it: a due measurement starts unless one of the same probe and
 * revision is under way, and lands a few ticks later with what the probe's character says (or
 * never). A restart loses everything under way.
 */
final class ModelProbes {
    private record InFlight(String probe, RunId run, Instant launchedAt, long landsAt, Measurement result) {
    }

    private final Random random;
    private final Map<String, ProbeCharacter> characters = new HashMap<>();
    private final List<InFlight> inFlight = new ArrayList<>();
    private boolean calm;

    ModelProbes(Random random) {
        this.random = random;
    }

    /** From now on every measurement passes and lands on the next tick. */
    void calmDown() {
        calm = true;
    }

    void launch(List<String> due, RunId run, String version, long tick, Instant now) {
        for (String probe : due) {
            if (inFlight.stream().anyMatch(f -> f.probe.equals(probe) && f.run.equals(run))) {
                continue;
            }
            ProbeCharacter character = characters.computeIfAbsent(probe + "@" + version, k -> ProbeCharacter.draw(random));
            Measurement m = calm ? Measurement.pass(1.0, "ok") : character.measure(random);
            int delay = calm ? 1 : random.nextInt(100) < 15 ? 3 + random.nextInt(4) : random.nextInt(3);
            inFlight.add(new InFlight(probe, run, now, tick + delay, m));
        }
    }

    /** The measurements done by {@code tick}; those that never land just free their slot. */
    List<ProbeResult> land(long tick, Instant now) {
        List<ProbeResult> landed = new ArrayList<>();
        for (Iterator<InFlight> it = inFlight.iterator(); it.hasNext();) {
            InFlight f = it.next();
            if (f.landsAt <= tick) {
                it.remove();
                if (f.result != null) {
                    landed.add(new ProbeResult(f.probe, f.run, f.result, f.launchedAt, now));
                }
            }
        }
        return landed;
    }

    boolean underWay() {
        return !inFlight.isEmpty();
    }

    void lostInRestart() {
        inFlight.clear();
    }
}
