package io.tradingswarm.operator.unit.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.api.GatewayApiRouting;
import io.tradingswarm.operator.api.HeaderMatch;
import io.tradingswarm.operator.api.IstioRouting;
import io.tradingswarm.operator.api.ParentReference;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.TrafficRouting;
import io.tradingswarm.operator.planner.RouteIntent;
import io.tradingswarm.operator.planner.Slot;
import io.tradingswarm.operator.routing.RouteTable;
import io.tradingswarm.operator.routing.Router;

/** Routes as the routers render them, and as they read live ones back (with what the API server adds). */
@Tag("unit")
class RouterTest {
    private static final RouteIntent CANARY_25 = new RouteIntent("maker", Slot.a, 25, List.of(HeaderMatch.of("x-desk", "a")));

    static List<TrafficRouting> routers() {
        TrafficRouting gateway = new TrafficRouting();
        gateway.gatewayAPI = new GatewayApiRouting();
        TrafficRouting istio = new TrafficRouting();
        istio.istio = new IstioRouting();
        return List.of(gateway, istio);
    }

    private static SwarmRelease release() {
        SwarmRelease r = new SwarmRelease();
        r.setMetadata(new ObjectMetaBuilder().withName("swarm").withNamespace("desk").withUid("uid-1").build());
        return r;
    }

    @ParameterizedTest
    @MethodSource("routers")
    void aRenderedRouteReadsBackAsItsTable(TrafficRouting routing) {
        Router router = Router.of(routing);
        RouteTable table = RouteTable.of(CANARY_25);
        GenericKubernetesResource route = router.desired(release(), "maker", table, 8080);
        assertEquals("maker", route.getMetadata().getName());
        assertEquals(List.of(new RouteTable.Rule(Map.of("x-desk", "a"), Map.of("maker-b", 100)),
                new RouteTable.Rule(Map.of(), Map.of("maker-a", 75, "maker-b", 25))), table.rules());
        assertEquals(table, router.read(roundTrip(route)));
        assertTrue(router.upToDate(roundTrip(route), route, table));
        assertTrue(route.getMetadata().getOwnerReferences().isEmpty(), "the user's route keeps its owners");
    }

    @ParameterizedTest
    @MethodSource("routers")
    void anotherWeightOrAHandOnTheRulesIsADifference(TrafficRouting routing) {
        Router router = Router.of(routing);
        RouteTable table = RouteTable.of(CANARY_25);
        GenericKubernetesResource route = router.desired(release(), "maker", table, 8080);
        RouteTable rolledBack = RouteTable.of(new RouteIntent("maker", Slot.a, 0, List.of()));
        assertFalse(router.upToDate(roundTrip(route), router.desired(release(), "maker", rolledBack, 8080), rolledBack));

        GenericKubernetesResource edited = roundTrip(route);
        edited.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl-edit")
                .withOperation("Update").withFieldsV1(fields("f:" + router.rulesField()))
                .build()));
        assertFalse(router.upToDate(edited, route, table), "someone else wrote the rules: write them again");

        GenericKubernetesResource synced = roundTrip(route);
        synced.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("argocd")
                .withOperation("Apply").withFieldsV1(fields("f:parentRefs"))
                .build()));
        assertTrue(router.upToDate(synced, route, table), "a GitOps tool owning other fields is no difference");
    }

    @ParameterizedTest
    @MethodSource("routers")
    void aLiveRouteWithApiServerDefaultsIsStillUpToDate(TrafficRouting routing) {
        Router router = Router.of(routing);
        RouteTable table = RouteTable.of(new RouteIntent("maker", Slot.b, 10, List.of()));
        GenericKubernetesResource route = router.desired(release(), "maker", table, 8080);
        GenericKubernetesResource live = roundTrip(route);
        live.getMetadata().getLabels().put("team", "desk-a");
        if (router.kind().equals("HTTPRoute")) {
            Map<String, Object> rule = rules(live, "rules").get(0);
            rule.put("matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/"))));
        }
        assertTrue(router.upToDate(live, route, table));
    }

    @ParameterizedTest
    @MethodSource("routers")
    @SuppressWarnings("unchecked")
    void anOperatorCreatedRouteIsOwnedWholeAndItsParentsCompared(TrafficRouting routing) {
        if (routing.gatewayAPI != null) {
            ParentReference gateway = new ParentReference();
            gateway.name = "trading";
            routing.gatewayAPI.parentRefs = List.of(gateway);
        } else {
            routing.istio.hosts = List.of("maker.desk.svc.cluster.local");
        }
        Router router = Router.of(routing);
        RouteTable table = RouteTable.of(CANARY_25);
        GenericKubernetesResource route = router.desired(release(), "maker", table, 8080);
        assertEquals("swarm", route.getMetadata().getOwnerReferences().get(0).getName());
        assertTrue(router.upToDate(roundTrip(route), route, table));
        GenericKubernetesResource moved = roundTrip(route);
        ((Map<String, Object>) moved.getAdditionalProperties().get("spec")).remove(routing.gatewayAPI != null ? "parentRefs" : "hosts");
        assertFalse(router.upToDate(moved, route, table));
    }

    private static FieldsV1 fields(String specField) {
        FieldsV1 fields = new FieldsV1();
        fields.setAdditionalProperty("f:spec", Map.of(specField, Map.of()));
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(GenericKubernetesResource route, String field) {
        return (List<Map<String, Object>>) ((Map<String, Object>) route.getAdditionalProperties().get("spec")).get(field);
    }

    private static GenericKubernetesResource roundTrip(GenericKubernetesResource route) {
        return Serialization.unmarshal(Serialization.asJson(route), GenericKubernetesResource.class);
    }
}
