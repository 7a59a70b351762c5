package io.tradingswarm.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/**
 * Which copy of a slot Deployment decides a name clash. The server and the cache are made to
 * disagree on purpose: the server's copies belong to nobody, the cache's to the release, so each
 * verdict shows where it was read.
 */
@Tag("component")
@EnableKubernetesMockClient(crud = true)
class NameClaimsTest {
    static final String UID = "uid-of-swarm";
    KubernetesClient client;

    private static SwarmRelease release() {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName("swarm").withNamespace("ns").withUid(UID).build());
        Bot maker = new Bot();
        maker.name = "maker";
        r.setSpec(new SwarmReleaseSpec());
        r.getSpec().bots = List.of(maker);
        return r;
    }

    private static Deployment deployment(String name, boolean ownedBySwarm) {
        ObjectMeta meta = new ObjectMetaBuilder().withName(name).withNamespace("ns").withLabels(Map.of("app", "maker")).build();
        if (ownedBySwarm) {
            meta.setOwnerReferences(List.of(new OwnerReferenceBuilder()
                    .withApiVersion("tradingswarm.io/v1alpha1").withKind("SwarmRelease").withName("swarm").withUid(UID)
                    .withController(true).build()));
        }
        return new DeploymentBuilder().withMetadata(meta).build();
    }

    private static ClusterView caching(List<Deployment> deployments) {
        return new ClusterView(deployments, List.of(), List.of(), List.of(), List.of(), null, List.of(), Map.of());
    }

    @Test
    void aSlotTheInformersHoldForTheReleaseIsNotFetched() {
        client.resource(deployment("maker-a", false)).create();
        client.resource(deployment("maker-b", false)).create();

        List<String> errors = NameClaims.check(client, release(), caching(List.of(deployment("maker-a", true))));

        assertEquals(List.of("spec.bots[0].name: Deployment maker-b already belongs to no controller (created outside the"
                + " operator); rename the bot or move one release to another namespace"), errors);
    }

    @Test
    void withNothingCachedBothSlotsAreFetched() {
        client.resource(deployment("maker-a", false)).create();

        List<String> errors = NameClaims.check(client, release(), caching(List.of()));

        assertEquals(List.of("spec.bots[0].name: Deployment maker-a already belongs to no controller (created outside the"
                + " operator); rename the bot or move one release to another namespace"), errors);
    }

    @Test
    void freeNamesAreNoClash() {
        assertEquals(List.of(), NameClaims.check(client, release(), caching(List.of())));
    }
}
