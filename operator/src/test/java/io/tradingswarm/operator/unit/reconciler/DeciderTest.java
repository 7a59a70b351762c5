package io.tradingswarm.operator.unit.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.BotService;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.ReleaseEvent;
import io.tradingswarm.operator.reconciler.ClusterView;
import io.tradingswarm.operator.reconciler.Decider;
import io.tradingswarm.operator.reconciler.Decision;

/** The reconciler's decision, made without a cluster: an invalid spec after a valid one, and self-heal writes. */
@Tag("unit")
class DeciderTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private final Decider decider = new Decider(host -> true);
    private final List<HasMetadata> cluster = new ArrayList<>();
    /** The ConfigMaps bots take their shards from, as the reconciler finds them (not among the owned objects). */
    private final Map<String, ConfigMap> shardSources = new java.util.HashMap<>();

    private SwarmRelease release(SwarmReleaseSpec spec, long generation) {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName("swarm").withNamespace("ns").withUid("uid-1")
                .withGeneration(generation).build());
        r.setSpec(spec);
        return r;
    }

    private static SwarmReleaseSpec spec() {
        SwarmReleaseSpec spec = new SwarmReleaseSpec();
        spec.version = "v1";
        Bot maker = new Bot();
        maker.name = "maker";
        maker.replicas = 2;
        maker.template = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("maker").withImage("m:v1")
                .endContainer().endSpec().build();
        maker.service = new BotService();
        maker.service.ports = List.of(new ServicePortBuilder().withName("http").withPort(8080).build());
        spec.bots = new ArrayList<>(List.of(maker));
        spec.strategy = new io.tradingswarm.operator.api.Strategy();
        spec.strategy.canary = new io.tradingswarm.operator.api.CanaryStrategy();
        spec.strategy.canary.steps = new ArrayList<>(List.of(CanaryStep.weight(100)));
        return spec;
    }

    private <T extends HasMetadata> Collection<T> all(Class<T> kind) {
        return cluster.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Decides and applies the writes to a list of objects (applies replace by name, deletes remove). */
    private Decision tick(SwarmRelease release) {
        return tick(release, null);
    }

    private Decision tick(SwarmRelease release, Action action) {
        Decision d = decider.decide(release, new ClusterView(all(Deployment.class), all(Service.class), List.of(),
                all(ControllerRevision.class), all(GenericKubernetesResource.class), all(ConfigMap.class).stream().findFirst()
                        .orElse(null), List.of(), Map.copyOf(shardSources)), List::of, List.of(), action, NOW);
        for (Write w : d.writes()) {
            if (w instanceof Write.Apply a) {
                cluster.removeIf(o -> o.getKind().equals(a.object().getKind()) && o.getMetadata().getName()
                        .equals(a.object().getMetadata().getName()));
                cluster.add(a.object());
            } else if (w instanceof Write.Create c && cluster.stream().noneMatch(o -> o.getKind().equals(c.object().getKind())
                    && o.getMetadata().getName().equals(c.object().getMetadata().getName()))) {
                cluster.add(c.object());
            } else if (w instanceof Write.Delete del) {
                cluster.removeIf(o -> del.kind().isInstance(o) && o.getMetadata().getName().equals(del.name()));
            }
        }
        release.setStatus(Serialization.clone(d.status()));
        return d;
    }

    @Test
    void anInvalidEditShowsInvalidSpecOnceWritesNothingAndAFixResumes() {
        SwarmRelease release = release(spec(), 1);
        tick(release);
        assertEquals(Phase.Promoting, release.getStatus().phase, "the first release waits for its pods (none get ready here)");

        SwarmReleaseSpec invalid = spec();
        invalid.strategy.canary.steps.add(0, CanaryStep.analysis("1m", "missing"));
        release.setSpec(invalid);
        release.getMetadata().setGeneration(2L);
        Decision d = tick(release);
        assertEquals(Phase.InvalidSpec, d.status().phase);
        assertEquals(2L, d.status().observedGeneration);
        assertTrue(d.writes().isEmpty(), "nothing moves while the spec is invalid");
        assertEquals(List.of(EventReason.InvalidSpec), d.events().stream().map(ReleaseEvent::reason).toList());
        assertTrue(d.status().message.contains("spec.strategy.canary.steps[0].analysis.probes[0]"), d.status().message);
        assertEquals("InvalidSpec", d.status().conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst()
                .orElseThrow().getReason());
        assertTrue(tick(release).events().isEmpty(), "one event per distinct message");

        release.setSpec(spec());
        release.getMetadata().setGeneration(3L);
        assertEquals(Phase.Promoting, tick(release).status().phase, "fixing the spec resumes where it stopped");
    }

    @Test
    void theTradingGateIsPublishedMountedIntoEverySlotAndWrittenAgainOnlyWhenItChanges() {
        SwarmRelease release = release(spec(), 1);
        tick(release);
        Decision d = tick(release);
        ConfigMap gate = all(ConfigMap.class).stream().findFirst().orElseThrow();
        assertEquals("swarm-trading", gate.getMetadata().getName());
        assertEquals(Map.of("maker-a", "state=active\nversion=v1\n", "maker-b", "state=shadow\n"), gate.getData());
        assertEquals("SwarmRelease", gate.getMetadata().getOwnerReferences().get(0).getKind());
        assertTrue(tick(release).writes().stream().noneMatch(w -> w instanceof Write.Apply a && a.object() instanceof ConfigMap),
                "an unchanged gate is not written again");
        var pod = ((Deployment) all(Deployment.class).stream().filter(o -> o.getMetadata().getName().equals("maker-a"))
                .findFirst().orElseThrow()).getSpec().getTemplate().getSpec();
        assertEquals("swarm-trading", pod.getVolumes().get(0).getConfigMap().getName());
        assertTrue(pod.getVolumes().get(0).getConfigMap().getOptional(), "pods start before their key exists");
        assertEquals("/etc/tradingswarm/gate", pod.getContainers().get(0).getVolumeMounts().get(0).getMountPath());
        assertEquals("/etc/tradingswarm/gate/maker-a", pod.getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("TRADINGSWARM_GATE_FILE")).findFirst().orElseThrow().getValue());
        assertTrue(d.status().trading.values().stream().allMatch(java.util.Objects::nonNull));
    }

    private void books(String value) {
        shardSources.put("mm-books", new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("mm-books")
                .withNamespace("ns").addToLabels("tradingswarm.io/shards", "true").endMetadata().addToData("books", value).build());
    }

    private Map<String, String> gateData() {
        return all(ConfigMap.class).stream().findFirst().orElseThrow().getData();
    }

    @Test
    void shardsFromAConfigMapReachTheGateAndABadEditIsInvalidSpecThatMovesNothingUntilFixed() {
        SwarmReleaseSpec spec = spec();
        spec.bots.get(0).shardsFrom = new io.tradingswarm.operator.api.ShardsSource();
        spec.bots.get(0).shardsFrom.configMapKeyRef = new io.tradingswarm.operator.api.ConfigMapKeyReference();
        spec.bots.get(0).shardsFrom.configMapKeyRef.name = "mm-books";
        spec.bots.get(0).shardsFrom.configMapKeyRef.key = "books";
        SwarmRelease release = release(spec, 1);
        tick(release);
        assertEquals(Phase.InvalidSpec, release.getStatus().phase);
        assertEquals("spec.bots[0].shardsFrom: ConfigMap mm-books not found", release.getStatus().message);
        assertTrue(cluster.isEmpty(), "nothing is written before the list can be read: " + cluster);

        books("BTC\nETH");
        tick(release);
        tick(release);
        assertEquals(Phase.Promoting, release.getStatus().phase);
        assertEquals(Map.of("maker-a", "state=active\nshards=BTC,ETH\nversion=v1\n", "maker-b", "state=shadow\nshards=\n"),
                gateData());

        books("BTC\nETH\nBTC");
        Decision d = tick(release);
        assertEquals(Phase.InvalidSpec, d.status().phase);
        assertEquals("spec.bots[0].shardsFrom: ConfigMap mm-books key books: duplicate shard BTC", d.status().message);
        assertTrue(d.writes().isEmpty(), "nothing moves: " + d.writes());
        assertEquals(Map.of("maker-a", List.of("BTC", "ETH"), "maker-b", List.of()), d.status().shards, "status keeps the gate");

        books("BTC\nETH\nSOL");
        assertEquals(Phase.Promoting, tick(release).status().phase, "fixing the ConfigMap resumes, with no spec edit");
        assertEquals("state=active\nshards=BTC,ETH,SOL\nversion=v1\n", gateData().get("maker-a"));
    }

    @Test
    void aHaltUnderAnInvalidSpecHaltsEverySlotAndWritesNothingElse() {
        SwarmRelease release = release(spec(), 1);
        tick(release);
        tick(release);
        SwarmReleaseSpec invalid = spec();
        invalid.strategy.canary.steps.add(0, CanaryStep.analysis("1m", "missing"));
        release.setSpec(invalid);
        release.getMetadata().setGeneration(2L);
        Decision d = tick(release, new Action("halt", "halt@1", "kubectl-swarm"));
        assertEquals(Phase.InvalidSpec, d.status().phase);
        assertEquals("Applied", d.status().lastAction.result);
        assertEquals("kubectl-swarm", d.status().halt.by);
        assertEquals(1, d.writes().size(), d.writes().toString());
        assertEquals(Map.of("maker-a", "state=halted\nversion=v1\n", "maker-b", "state=halted\n"),
                ((ConfigMap) ((Write.Apply) d.writes().get(0)).object()).getData());
        assertTrue(d.events().stream().anyMatch(e -> e.reason() == EventReason.Halted), d.events().toString());
    }

    @Test
    void aSucceededReleaseThatHadAnInvalidEditRevertedNoLongerSaysTheSpecIsInvalid() {
        SwarmRelease release = release(spec(), 1);
        tick(release);
        tick(release);
        cluster.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .forEach(dep -> dep.getMetadata().setGeneration(1L));
        cluster.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .forEach(dep -> dep.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                        .withObservedGeneration(1L).withReplicas(2).withReadyReplicas(2).withUpdatedReplicas(2).build()));
        assertEquals(Phase.Succeeded, tick(release).status().phase);
        SwarmReleaseSpec invalid = spec();
        invalid.strategy.canary.steps.add(0, CanaryStep.analysis("1m", "missing"));
        release.setSpec(invalid);
        release.getMetadata().setGeneration(2L);
        tick(release);
        release.setSpec(spec());
        release.getMetadata().setGeneration(3L);
        Decision d = tick(release);
        assertEquals(Phase.Succeeded, d.status().phase);
        assertEquals("version v1 is stable on slot a", d.status().message);
        assertTrue(d.status().conditions.stream().noneMatch(c -> c.getMessage().contains("missing")), d.status().conditions.toString());
    }

    @Test
    void aDeletedSlotAndServiceAreRestoredFromTheStoredRevision() {
        SwarmRelease release = release(spec(), 1);
        tick(release);
        tick(release);
        cluster.removeIf(o -> o.getMetadata().getName().equals("maker-a") || o.getMetadata().getName().equals("maker"));
        Decision d = tick(release);
        assertTrue(d.writes().stream().anyMatch(w -> w instanceof Write.Apply a && a.object() instanceof Deployment dep
                && dep.getMetadata().getName().equals("maker-a") && dep.getSpec().getReplicas() == 2), d.writes().toString());
        assertTrue(d.writes().stream().anyMatch(w -> w instanceof Write.Apply a && a.object() instanceof Service
                && a.object().getMetadata().getName().equals("maker")), d.writes().toString());
        assertEquals(1, all(ControllerRevision.class).size(), "the revision is kept once");
    }
}
