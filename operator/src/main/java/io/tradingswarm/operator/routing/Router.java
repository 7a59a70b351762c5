package io.tradingswarm.operator.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tradingswarm.operator.api.RouteNames;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.TrafficRouting;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.dependent.Owner;

/**
 * Writes the planner's weights into one kind of route object. The operator owns only the route's
 * rules field (and its labels) through server-side apply, unless the release asks it to create the
 * route, when it owns the whole spec. Replica-ratio traffic needs no router: the slot sizes are the split.
 */
public sealed interface Router permits GatewayApiRouter, IstioRouter {

    /** The router a release asks for, or null for replica-ratio traffic. */
    static Router of(TrafficRouting routing) {
        if (routing == null) {
            return null;
        }
        return routing.gatewayAPI != null ? new GatewayApiRouter(routing.gatewayAPI) : new IstioRouter(routing.istio);
    }

    String apiVersion();

    String kind();

    /** The resource's plural name, for discovery and RBAC. */
    String plural();

    /** The spec field that holds the rules: the one field of a user's route the operator owns. */
    String rulesField();

    /** The route's name template ({{bot}} for the bot's name). */
    String nameTemplate();

    /** Where the spec configures this router, for error messages. */
    String field();

    /** The setting that names the route, below {@link #field()}. */
    String nameSetting();

    /** The setting that makes the operator create the route, below {@link #field()}. */
    String createSetting();

    /** True when the release asks the operator to create the route and own all of it. */
    boolean createsRoute();

    /** The rules field rendered for {@code table}; {@code port} is the Services' port. */
    List<Object> rules(RouteTable table, int port);

    /** The rules of a live route as a table; rules the operator never writes come out as they are. */
    RouteTable read(GenericKubernetesResource live);

    /** The spec fields other than the rules of an operator-created route for {@code bot}. */
    Map<String, Object> ownedExtras(String bot);

    default String name(String bot) {
        return RouteNames.of(nameTemplate(), bot);
    }

    default GenericKubernetesResource desired(SwarmRelease release, String bot, RouteTable table, int port) {
        GenericKubernetesResource route = new GenericKubernetesResource();
        route.setApiVersion(apiVersion());
        route.setKind(kind());
        Map<String, String> labels = Labels.bot(release.getMetadata().getName(), bot);
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(name(bot)).withNamespace(release.getMetadata().getNamespace())
                .withLabels(labels);
        if (createsRoute()) {
            meta.withOwnerReferences(Owner.of(release));
        }
        route.setMetadata(meta.build());
        Map<String, Object> spec = new LinkedHashMap<>(createsRoute() ? ownedExtras(bot) : Map.of());
        spec.put(rulesField(), rules(table, port));
        route.setAdditionalProperty("spec", spec);
        return route;
    }

    /**
     * The live route does what {@code desired} says: the same rules as a table, our labels, and for an
     * operator-created route the same parents; and nobody else has written the rules since.
     */
    default boolean upToDate(GenericKubernetesResource live, GenericKubernetesResource desired, RouteTable table) {
        if (live == null || !Objects.equals(read(live), table) || rulesEditedByOthers(live)) {
            return false;
        }
        Map<String, String> labels = live.getMetadata().getLabels();
        if (labels == null || !labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet())) {
            return false;
        }
        if (!createsRoute()) {
            return true;
        }
        Map<?, ?> liveSpec = RouteFields.spec(live);
        return RouteFields.spec(desired).entrySet().stream().filter(e -> !e.getKey().equals(rulesField()))
                .allMatch(e -> Objects.equals(e.getValue(), liveSpec.get(e.getKey())));
    }

    /** Another field manager (kubectl edit, a GitOps tool) has written the rules field. */
    private boolean rulesEditedByOthers(GenericKubernetesResource live) {
        List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
        return entries != null && entries.stream().anyMatch(e -> !io.tradingswarm.operator.dependent.ClusterWrites.FIELD_MANAGER
                .equals(e.getManager()) && e.getSubresource() == null && e.getFieldsV1() != null
                && e.getFieldsV1().getAdditionalProperties().get("f:spec") instanceof Map<?, ?> spec
                && spec.containsKey("f:" + rulesField()));
    }
}
