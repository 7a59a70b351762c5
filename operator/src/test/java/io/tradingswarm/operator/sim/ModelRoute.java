package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tradingswarm.operator.dependent.ClusterWrites;
import io.tradingswarm.operator.dependent.Labels;

/**
 * An HTTPRoute or VirtualService: its spec field by field, each owned by whoever wrote it last
 * (server-side apply: the operator's force-apply takes the fields it sends and drops those it no longer
 * sends; Argo CD applies the user's route from Git; kubectl edit moves the rules to its manager). The
 * weights are read by {@link RouteRules}, never by the operator's code.
 */
final class ModelRoute extends AppliedObject<GenericKubernetesResource> {
    /** The field manager that syncs a user's route from Git. */
    static final String GITOPS = "argocd-controller";

    final String apiVersion;
    final String kind;
    /** Top-level spec fields as written; values are the model's own copies. */
    private final Map<String, Object> spec = new LinkedHashMap<>();
    private RouteRules rules;

    ModelRoute(String name, String apiVersion, String kind) {
        super(name);
        this.apiVersion = apiVersion;
        this.kind = kind;
    }

    /** The bot the route is labelled for, or null (a user's route the operator has not written yet). */
    String bot() {
        return labels.get(Labels.BOT);
    }

    /** The operator's server-side apply (force): the spec fields it sends are its own, those it stopped sending go. */
    void apply(GenericKubernetesResource desired) {
        Map<?, ?> fields = desired.getAdditionalProperties().get("spec") instanceof Map<?, ?> m ? m : Map.of();
        Set<String> names = new java.util.LinkedHashSet<>();
        fields.forEach((k, v) -> {
            spec.put(String.valueOf(k), copy(v));
            names.add(String.valueOf(k));
        });
        managedFields.forceApplied(ClusterWrites.FIELD_MANAGER, names).forEach(spec::remove);
        if (desired.getMetadata().getLabels() != null) {
            labels.putAll(desired.getMetadata().getLabels());
        }
        rules = null;
        changed();
    }

    /** Argo CD applies the user's route as Git has it: no operator labels, its own fields. */
    void syncedFromGit(Map<String, Object> fields) {
        fields.forEach((k, v) -> spec.put(k, copy(v)));
        managedFields.forceApplied(GITOPS, fields.keySet()).forEach(spec::remove);
        rules = null;
        changed();
    }

    /** kubectl edit of the rules: new weights in the rule without header matches; the rules field is now the hand's. */
    void weightsEditedByHand(Map<String, Integer> weights, String manager) {
        String field = RouteRules.HTTP_ROUTE.equals(kind) ? "rules" : "http";
        List<Object> edited = new ArrayList<>();
        boolean done = false;
        for (Object rule : spec.get(field) instanceof List<?> l ? l : List.of()) {
            if (!done && rule instanceof Map<?, ?> r && !r.containsKey(RouteRules.HTTP_ROUTE.equals(kind) ? "matches" : "match")) {
                edited.add(reweighted(r, weights));
                done = true;
            } else {
                edited.add(rule);
            }
        }
        spec.put(field, edited);
        managedFields.updatedBy(manager, Set.of(field));
        rules = null;
        changed();
    }

    private Map<String, Object> reweighted(Map<?, ?> rule, Map<String, Integer> weights) {
        Map<String, Object> copy = new LinkedHashMap<>();
        rule.forEach((k, v) -> copy.put(String.valueOf(k), v));
        String backendsField = RouteRules.HTTP_ROUTE.equals(kind) ? "backendRefs" : "route";
        List<Object> backends = new ArrayList<>();
        for (Object b : copy.get(backendsField) instanceof List<?> l ? l : List.of()) {
            if (b instanceof Map<?, ?> backend) {
                Map<String, Object> w = new LinkedHashMap<>();
                backend.forEach((k, v) -> w.put(String.valueOf(k), v));
                Object service = RouteRules.HTTP_ROUTE.equals(kind) ? backend.get("name")
                        : backend.get("destination") instanceof Map<?, ?> d ? d.get("host") : null;
                if (weights.containsKey(String.valueOf(service))) {
                    w.put("weight", weights.get(String.valueOf(service)));
                }
                backends.add(w);
            }
        }
        copy.put(backendsField, backends);
        return copy;
    }

    /** The rules as a gateway reads them. */
    RouteRules rules() {
        if (rules == null) {
            rules = RouteRules.read(kind, spec);
        }
        return rules;
    }

    boolean hasField(String field) {
        return spec.containsKey(field);
    }

    /** Whether the route carries the release's labels, which the operator's informer selects on. */
    boolean labelledFor(String release) {
        return Labels.OPERATOR.equals(labels.get(Labels.MANAGED_BY)) && release.equals(labels.get(Labels.RELEASE));
    }

    @Override
    GenericKubernetesResource build() {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(apiVersion);
        r.setKind(kind);
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ModelCluster.NAMESPACE)
                .withLabels(new java.util.HashMap<>(labels)).withManagedFields(managedFields.render()).build());
        r.setAdditionalProperty("spec", copy(spec));
        return r;
    }

    /** A deep copy of JSON-like values, so neither the operator's objects nor the caches' share the model's. */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}
