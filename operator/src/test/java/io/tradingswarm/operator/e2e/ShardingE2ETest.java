package io.tradingswarm.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.reconciler.Sharding;

/**
 * Two operators share the releases of a namespace by label (docs/operations.md, "Sharding"): the
 * packaged operator with SWARM_SHARD_SELECTOR=tradingswarm.io/shard=one (the Quarkus wiring), and
 * one in this JVM with !tradingswarm.io/shard. Each elects its leader on its own Lease and acts only
 * on its releases; a release whose label changes moves to the other, which goes on from its status.
 */
class ShardingE2ETest extends E2EBase {
    /** The packaged operator's identity: its Lease holder and the reporting instance of its Events. */
    static final String ONE = "sharded-one";
    static final List<CanaryStep> GATED = Releases.steps(50, null, 100);
    PackagedOperator one;
    OperatorUnderTest rest;

    @Override
    boolean runsOperatorInJvm() {
        return false;
    }

    @AfterEach
    void stopBoth() throws Exception {
        if (rest != null) {
            rest.close();
        }
        if (one != null) {
            one.close();
        }
    }

    static SwarmRelease release(String name, String version, List<CanaryStep> steps, String shard) {
        // Slot Deployments are named after the bot: the two releases of the namespace need bots of their own.
        SwarmRelease r = Releases.canary(name, version, steps, Map.of(name + "-maker", 2));
        if (shard != null) {
            r.getMetadata().setLabels(Map.of(Sharding.LABEL, shard));
        }
        return r;
    }

    String holder(String lease) {
        Lease l = client.leases().inNamespace(namespace).withName(lease).get();
        return l == null ? null : l.getSpec().getHolderIdentity();
    }

    /** Who recorded each of the release's Events: the packaged operator reports as {@value #ONE}. */
    List<String> reporters(String release) {
        return events(release).stream().map(Event::getReportingInstance).toList();
    }

    /** True once the operator in this JVM has reconciled the release (it records a phase per release it handles). */
    boolean restHandled(String release) {
        return !rest.metrics().find("swarmrelease.phase").tag("name", release).gauges().isEmpty();
    }

    String phaseSeries(String release, Phase phase) {
        return "swarmrelease_phase{name=\"" + release + "\",namespace=\"" + namespace + "\",phase=\"" + phase
                + "\",shard=\"one\"} 1.0";
    }

    /** The swarmrelease_* series of a release on an operator's /q/metrics (JOSDK's own keep their name tag). */
    static List<String> releaseSeries(PackagedOperator operator, String release) {
        return operator.get("/q/metrics").lines()
                .filter(l -> l.startsWith("swarmrelease_") && l.contains("name=\"" + release + "\"")).toList();
    }

    void relabel(String release, String label) {
        String out = LocalCluster.kubectl("-n", namespace, "label", "srel", release, label, "--overwrite");
        assertTrue(out.contains("labeled") || out.contains("unlabeled"), out);
    }

    @Test
    void eachInstanceReleasesItsShardAndARelabelledReleaseMovesToTheOtherMidRun() throws Exception {
        try {
            scenario();
        } catch (AssertionError e) {
            System.out.println("==== the packaged operator's log (shard one) ====\n" + (one == null ? "" : one.log()));
            throw e;
        }
    }

    private void scenario() throws Exception {
        one = new PackagedOperator(namespace, Map.of("SWARM_SHARD_SELECTOR", Sharding.LABEL + "=one",
                "SWARM_SHARD_NAME", "one", "SWARM_LEADER_ELECTION_ENABLED", "true",
                "SWARM_LEADER_ELECTION_LEASE_NAME", "swarm-operator-one", "SWARM_LEADER_ELECTION_LEASE_NAMESPACE", namespace,
                "HOSTNAME", ONE));
        rest = new OperatorUnderTest(namespace).handling(Sharding.UNLABELLED).electingLeaderOn("swarm-operator", "rest").start();
        await("each instance leads on its own Lease", () -> ONE.equals(holder("swarm-operator-one"))
                && "rest".equals(holder("swarm-operator")));

        // alpha is labelled for shard one, beta is not: both progress, each through its own instance.
        apply(release("alpha", "v1", GATED, "one"));
        apply(release("beta", "v1", GATED, null));
        awaitPhase("alpha", Phase.Succeeded);
        awaitPhase("beta", Phase.Succeeded);
        apply(release("alpha", "v2", GATED, "one"));
        apply(release("beta", "v2", GATED, null));
        await("both v2 runs wait at their gate", () -> status("alpha").phase == Phase.Paused && "v2".equals(status("alpha").version)
                && status("beta").phase == Phase.Paused && "v2".equals(status("beta").version));
        await("shard one's metrics show alpha", () -> one.get("/q/metrics").contains(phaseSeries("alpha", Phase.Paused)));
        assertEquals(List.of(), releaseSeries(one, "beta"), "shard one handled beta");
        assertTrue(restHandled("beta"));
        assertFalse(restHandled("alpha"), "the instance for unlabelled releases handled alpha");
        assertTrue(reporters("alpha").stream().allMatch(ONE::equals), "alpha's events: " + reporters("alpha"));
        assertFalse(reporters("beta").contains(ONE), "beta's events: " + reporters("beta"));

        // Swap them at the gate: each instance takes over the other's run from its status.
        int alphaEvents = events("alpha").size();
        int betaEvents = events("beta").size();
        relabel("alpha", Sharding.LABEL + "-");
        relabel("beta", Sharding.LABEL + "=one");
        annotate("alpha", "promote");
        annotate("beta", "promote");
        for (String name : List.of("alpha", "beta")) {
            await(name + " finishes its v2 run under the other instance", () -> status(name).phase == Phase.Succeeded
                    && "v2".equals(status(name).stableVersion));
            assertEquals("b", status(name).stableSlot);
        }
        await("shard one's metrics show beta", () -> one.get("/q/metrics").contains(phaseSeries("beta", Phase.Succeeded)));
        assertTrue(restHandled("alpha"));
        List<String> alphaAfter = reporters("alpha").subList(alphaEvents, reporters("alpha").size());
        List<String> betaAfter = reporters("beta").subList(betaEvents, reporters("beta").size());
        assertFalse(alphaAfter.isEmpty() || alphaAfter.contains(ONE), "alpha's events after it left shard one: " + alphaAfter);
        assertTrue(!betaAfter.isEmpty() && betaAfter.stream().allMatch(ONE::equals), "beta's events in shard one: " + betaAfter);

        // Without the instance for unlabelled releases, alpha stalls and beta goes on.
        rest.stop();
        apply(release("alpha", "v3", Releases.steps(50, 100), null));
        apply(release("beta", "v3", Releases.steps(50, 100), "one"));
        await("beta releases v3", () -> status("beta").phase == Phase.Succeeded && "v3".equals(status("beta").stableVersion));
        SwarmRelease alpha = release("alpha");
        assertEquals("v2", alpha.getStatus().stableVersion);
        assertTrue(alpha.getStatus().observedGeneration < alpha.getMetadata().getGeneration(),
                "nobody looked at alpha's v3: " + alpha.getStatus().observedGeneration);
        await("shard one's release series forget the release that left it", () -> releaseSeries(one, "alpha").isEmpty());
    }
}
