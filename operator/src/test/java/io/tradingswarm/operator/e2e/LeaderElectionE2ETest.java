package io.tradingswarm.operator.e2e;

import static io.tradingswarm.operator.e2e.Releases.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;

/** Two operators on one Lease: only the leader acts; when it stops, the other finishes the run in flight. */
class LeaderElectionE2ETest extends E2EBase {
    static final String LEASE = "swarm-operator";
    OperatorUnderTest first;
    OperatorUnderTest second;

    @Override
    boolean runsOperatorInJvm() {
        return false;
    }

    @AfterEach
    void stopBoth() {
        Stream.of(first, second).filter(Objects::nonNull).forEach(OperatorUnderTest::close);
    }

    String holder() {
        Lease lease = client.leases().inNamespace(namespace).withName(LEASE).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** True once this operator has reconciled a release: it records the phase of each release it handles. */
    static boolean acted(OperatorUnderTest operator) {
        return !operator.metrics().find("swarmrelease.phase").gauges().isEmpty();
    }

    @Test
    void onlyTheLeaderActsAndTheOtherFinishesTheRunInFlightWhenTheLeaderStops() {
        first = new OperatorUnderTest(namespace).electingLeaderOn(LEASE, "first").start();
        await("first holds the lease", () -> "first".equals(holder()));
        second = new OperatorUnderTest(namespace).electingLeaderOn(LEASE, "second").start();
        List<CanaryStep> plan = steps(50, "20s", 100);

        apply(CanaryE2ETest.swarm("v1", plan));
        awaitPhase(CanaryE2ETest.NAME, Phase.Succeeded);
        apply(CanaryE2ETest.swarm("v2", plan));
        await("v2 paused at 50%", () -> status(CanaryE2ETest.NAME).phase == Phase.Paused
                && "v2".equals(status(CanaryE2ETest.NAME).version));
        assertTrue(acted(first));
        assertFalse(acted(second), "the follower reconciled while the leader held the lease");

        first.stop();
        await("second takes the lease", () -> "second".equals(holder()));
        await("second finishes the run", () -> status(CanaryE2ETest.NAME).phase == Phase.Succeeded
                && "v2".equals(status(CanaryE2ETest.NAME).stableVersion));
        assertTrue(acted(second));
        assertEquals("b", status(CanaryE2ETest.NAME).stableSlot);
        assertEquals("Succeeded", status(CanaryE2ETest.NAME).history.get(0).result);
    }
}
