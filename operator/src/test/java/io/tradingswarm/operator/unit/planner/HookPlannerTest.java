package io.tradingswarm.operator.unit.planner;

import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.stableAt;
import static io.tradingswarm.operator.unit.planner.CanaryPlannerTest.twoBots;
import static io.tradingswarm.operator.unit.planner.Specs.bump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Hook;
import io.tradingswarm.operator.api.Hooks;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.planner.JobState;
import io.tradingswarm.operator.planner.Slot;

@Tag("unit")
class HookPlannerTest {

    static Hook hook(String name) {
        Hook h = new Hook();
        h.name = name;
        h.job = new JobSpec();
        return h;
    }

    static FakeSwarm withHooks(Hooks hooks) {
        FakeSwarm swarm = stableAt(twoBots(List.of(CanaryStep.weight(50), CanaryStep.weight(100))));
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        v2.hooks = hooks;
        swarm.release(v2);
        return swarm;
    }

    static void finish(FakeSwarm swarm, String job, boolean ok) {
        swarm.jobs.put(job, new JobState(true, ok, ok ? "job succeeded" : "BackoffLimitExceeded: exit 1"));
    }

    @Test
    void preRolloutHooksRunInOrderBeforeAnyTrafficMoves() {
        Hooks hooks = new Hooks();
        hooks.preRollout = new ArrayList<>(List.of(hook("backup"), hook("migrate")));
        FakeSwarm swarm = withHooks(hooks);
        swarm.settle();
        assertEquals(1, swarm.createdJobs.size(), "one hook at a time");
        assertTrue(swarm.createdJobs.get(0).startsWith("swarm-pre-backup-"));
        assertEquals(0, swarm.replicas("maker", Slot.b), "no new pods while hooks run");
        finish(swarm, swarm.createdJobs.get(0), true);
        swarm.settle();
        assertEquals(2, swarm.createdJobs.size());
        assertTrue(swarm.createdJobs.get(1).startsWith("swarm-pre-migrate-"));
        assertEquals(0, swarm.replicas("maker", Slot.b));
        finish(swarm, swarm.createdJobs.get(1), true);
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals(2, swarm.createdJobs.size(), "never re-run");
    }

    @Test
    void aBlueGreenPreviewStartsOnlyAfterThePreRolloutHooks() {
        FakeSwarm swarm = BlueGreenPlannerTest.stable(true);
        SwarmReleaseSpec v2 = bump(swarm.spec, "v2");
        Hooks hooks = new Hooks();
        hooks.preRollout = List.of(hook("backup"));
        v2.hooks = hooks;
        swarm.release(v2);
        swarm.settle();
        assertEquals(1, swarm.createdJobs.size());
        assertEquals(0, swarm.replicas("maker", Slot.b), "no preview pods while the backup runs");
        finish(swarm, swarm.createdJobs.get(0), true);
        swarm.settle();
        assertEquals(4, swarm.replicas("maker", Slot.b), "the preview comes up once the hooks are done");
    }

    @Test
    void aBackgroundProbeWithoutDataHoldsTrafficButNotTheHooksBeforeIt() {
        Hooks hooks = new Hooks();
        hooks.preRollout = List.of(hook("backup"), hook("migrate"));
        FakeSwarm swarm = withHooks(hooks);
        swarm.spec.probes = new ArrayList<>(List.of(ProbePlannerTest.probe("errors")));
        swarm.spec.backgroundProbes = List.of("errors");
        swarm.settle();
        swarm.lands("errors", ProbePlannerTest.NO_DATA).tick();
        finish(swarm, swarm.createdJobs.get(0), true);
        swarm.settle();
        assertEquals(2, swarm.createdJobs.size(), "the second hook starts although the probe has no data");
        finish(swarm, swarm.createdJobs.get(1), true);
        swarm.settle();
        assertEquals(Phase.Paused, swarm.status.phase, "then the probe without data holds the run");
        assertEquals(0, swarm.replicas("maker", Slot.b), "before any traffic moves");
    }

    @Test
    void aFailingPreRolloutHookStopsTheRunBeforeTrafficMovesAndSaysWhich() {
        Hooks hooks = new Hooks();
        hooks.preRollout = List.of(hook("migrate"));
        FakeSwarm swarm = withHooks(hooks);
        swarm.settle();
        finish(swarm, swarm.createdJobs.get(0), false);
        swarm.settle();
        assertEquals(Phase.RolledBack, swarm.status.phase);
        assertEquals("PreRolloutHookFailed", swarm.status.rollback.reason);
        assertTrue(swarm.status.rollback.message.contains("preRollout hook migrate failed"), swarm.status.rollback.message);
        assertEquals(0, swarm.replicas("maker", Slot.b));
        assertEquals(4, swarm.replicas("maker", Slot.a));
    }

    @Test
    void postRolloutHooksFollowAPromotionAndOnRollbackHooksFollowTheRestoredTraffic() {
        Hooks hooks = new Hooks();
        hooks.postRollout = List.of(hook("smoke"));
        FakeSwarm swarm = withHooks(hooks);
        swarm.settle();
        assertEquals(Phase.Succeeded, swarm.status.phase);
        assertEquals(1, swarm.createdJobs.size());
        assertTrue(swarm.createdJobs.get(0).startsWith("swarm-post-smoke-"));
        finish(swarm, swarm.createdJobs.get(0), true);
        swarm.settle();
        assertEquals("Succeeded", swarm.status.hooks.get(0).phase);

        Hooks rollbackHooks = new Hooks();
        rollbackHooks.onRollback = List.of(hook("restore"));
        SwarmReleaseSpec v3 = bump(swarm.spec, "v3");
        v3.hooks = rollbackHooks;
        v3.progressDeadline = "1m";
        swarm.release(v3);
        swarm.brokenRevisions.add(io.tradingswarm.operator.dependent.Revision.of(v3));
        swarm.settle();
        swarm.advance(java.time.Duration.ofMinutes(1));
        swarm.tick();
        assertEquals(Phase.RolledBack, swarm.status.phase, "traffic first: the hook does not delay it");
        swarm.settle();
        assertTrue(swarm.createdJobs.get(swarm.createdJobs.size() - 1).startsWith("swarm-rollback-restore-"));
        finish(swarm, swarm.createdJobs.get(swarm.createdJobs.size() - 1), false);
        swarm.settle();
        assertEquals("Failed", swarm.status.hooks.get(0).phase);
        assertEquals(Phase.RolledBack, swarm.status.phase, "a failing on-rollback hook is reported, nothing more");
    }
}
