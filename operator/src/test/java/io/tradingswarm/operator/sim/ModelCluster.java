package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.planner.HookJob;
import io.tradingswarm.operator.reconciler.ClusterView;

/**
 * The cluster the operator releases into, modelled on its own terms: objects written by server-side
 * apply, Deployments whose controller may skip a tick, pods that become ready late or never, Jobs
 * that finish on their own, and hands that delete or scale things. It never asks the planner
 * anything; traffic is computed from Service selectors and pod labels.
 */
final class ModelCluster {
    static final String NAMESPACE = "sim";
    static final String HAND = "kubectl-edit";

    final Map<String, ModelDeployment> deployments = new LinkedHashMap<>();
    final Map<String, ModelService> services = new LinkedHashMap<>();
    final Map<String, ModelRoute> routes = new LinkedHashMap<>();
    private final Map<String, ModelJob> jobs = new LinkedHashMap<>();
    private final Map<String, ControllerRevision> revisions = new LinkedHashMap<>();
    /** The trading gate as last applied (bots read it; the model has no pods that do). */
    ConfigMap gate;
    private final Random random;
    final PodFactory pods;
    private final String release;
    long tick;

    ModelCluster(String release, Random random, PodFactory pods) {
        this.release = release;
        this.random = random;
        this.pods = pods;
    }

    // ---- the API server ----

    void execute(Write write) {
        if (write instanceof Write.Apply apply) {
            applied(apply.object());
        } else if (write instanceof Write.Create create) {
            revisions.putIfAbsent(create.object().getMetadata().getName(), (ControllerRevision) create.object());
        } else if (write instanceof Write.Scale scale) {
            ModelDeployment d = deployments.get(scale.deployment());
            if (d != null) {
                d.scaledByOperator(scale.replicas());
            }
        } else if (write instanceof Write.Delete delete) {
            String name = delete.name();
            if (delete.kind() == Deployment.class) {
                deployments.remove(name);
            } else if (delete.kind() == Service.class) {
                services.remove(name);
            } else if (delete.kind() == GenericKubernetesResource.class) {
                routes.remove(name);
            } else if (delete.kind() == ControllerRevision.class) {
                revisions.remove(name);
            } else {
                throw new IllegalArgumentException("the model cannot delete a " + delete.kind().getSimpleName());
            }
        }
    }

    private void applied(HasMetadata object) {
        String name = object.getMetadata().getName();
        if (object instanceof Deployment d) {
            deployments.computeIfAbsent(name, ModelDeployment::new).apply(d);
        } else if (object instanceof Service s) {
            services.computeIfAbsent(name, ModelService::new).apply(s);
        } else if (object instanceof ControllerRevision r) {
            revisions.put(name, r);
        } else if (object instanceof ConfigMap c) {
            gate = new ConfigMapBuilder(c).build();
        } else if (object instanceof GenericKubernetesResource g && isRoute(g.getKind())) {
            ModelRoute route = routes.computeIfAbsent(name, n -> new ModelRoute(n, g.getApiVersion(), g.getKind()));
            if (!route.kind.equals(g.getKind())) {
                throw new IllegalArgumentException("the model keeps one route per name: " + name + " is a " + route.kind);
            }
            route.apply(g);
        } else {
            throw new IllegalArgumentException("the model has no " + object.getKind());
        }
    }

    /** Creates the hook Job unless one of that name exists; true if it was created. */
    boolean createJob(HookJob hook) {
        if (jobs.containsKey(hook.name())) {
            return false;
        }
        jobs.put(hook.name(), new ModelJob(release, hook, tick + 1 + random.nextInt(3), random.nextInt(100) < 85));
        return true;
    }

    // ---- controllers and time ----

    /** The Deployment controllers run; each may skip this tick when {@code mayLag}, so status trails the spec. */
    void runControllers(boolean mayLag) {
        for (ModelDeployment d : deployments.values()) {
            if (!mayLag || random.nextInt(100) >= 25) {
                d.reconcile(tick, pods);
            }
        }
    }

    /** Work that will trigger a reconcile without the operator asking: pods, controllers, Jobs. */
    boolean settling() {
        return deployments.values().stream().anyMatch(d -> d.settling(tick))
                || jobs.values().stream().anyMatch(j -> j.running(tick));
    }

    // ---- what the operator's caches show ----

    ClusterView view() {
        return new ClusterView(deployments.values().stream().map(ModelDeployment::render).toList(),
                services.values().stream().map(ModelService::render).toList(),
                jobs.values().stream().map(j -> j.render(tick)).toList(),
                List.copyOf(revisions.values()),
                routes.values().stream().filter(r -> r.labelledFor(release)).map(ModelRoute::render).toList(),
                gate, List.of(), java.util.Map.of());
    }

    private static boolean isRoute(String kind) {
        return RouteRules.HTTP_ROUTE.equals(kind) || RouteRules.VIRTUAL_SERVICE.equals(kind);
    }

    // ---- Git: a user's route exists before the operator writes its rules ----

    /** Argo CD creates the user's route from Git if it is missing (its own fields only). */
    boolean syncUserRoute(String name, String apiVersion, String kind, Map<String, Object> gitFields) {
        if (routes.containsKey(name)) {
            return false;
        }
        routes.put(name, new ModelRoute(name, apiVersion, kind));
        routes.get(name).syncedFromGit(gitFields);
        return true;
    }

    // ---- hands ----

    List<String> deploymentNames() {
        return new ArrayList<>(deployments.keySet());
    }

    List<String> serviceNames() {
        return new ArrayList<>(services.keySet());
    }

    List<String> jobNames() {
        return new ArrayList<>(jobs.keySet());
    }

    void deleteDeploymentByHand(String name) {
        deployments.remove(name);
    }

    void scaleByHand(String name, int replicas) {
        deployments.get(name).scaledByHand(replicas, HAND);
    }

    void deleteServiceByHand(String name) {
        services.remove(name);
    }

    void deleteJobByHand(String name) {
        jobs.remove(name);
    }

    List<String> routeNames() {
        return new ArrayList<>(routes.keySet());
    }

    void deleteRouteByHand(String name) {
        routes.remove(name);
    }

    void editRouteWeightsByHand(String name, Map<String, Integer> weights) {
        routes.get(name).weightsEditedByHand(weights, HAND);
    }

    /** The bot a Service belongs to, by the labels it was applied with, or null. */
    String botOfService(String name) {
        ModelService s = services.get(name);
        return s == null ? null : s.labels.get(io.tradingswarm.operator.dependent.Labels.BOT);
    }

    // ---- traffic ----

    /** The bot's Service selector, or null when the Service does not exist. */
    Map<String, String> selectorOf(String service) {
        ModelService s = services.get(service);
        return s == null ? null : s.selector();
    }

    /**
     * Pods of the bot that its traffic will keep reaching once controllers catch up. Through a route
     * (one labelled for the bot), the pods' worth of requests its weights can carry: each backend
     * Service with weight w of the total W takes w/W of the requests on its serving pods n, so the bot
     * serves as if on min(n * W / w) pods (0 if a weighed Service has none, or no rule takes the requests).
     * Without a route, its own Service's serving pods.
     */
    int servingPods(String bot) {
        ModelRoute route = routeOf(bot);
        if (route != null) {
            return routedServing(route);
        }
        return serviceServing(bot);
    }

    /** A bot without a Service serves through its running pods: the ready ones of the current template, within replicas. */
    int workingPods(String bot) {
        return slotsOf(bot).stream().mapToInt(d -> d.workingPods(tick)).sum();
    }

    /** The route labelled for {@code bot}, or null. */
    ModelRoute routeOf(String bot) {
        for (ModelRoute r : routes.values()) {
            if (bot.equals(r.bot())) {
                return r;
            }
        }
        return null;
    }

    private int routedServing(ModelRoute route) {
        RouteRules.Rule plain = route.rules().plain();
        if (plain == null || plain.total() <= 0) {
            return 0;
        }
        long serving = Long.MAX_VALUE;
        for (Map.Entry<String, Integer> backend : plain.weights().entrySet()) {
            if (backend.getValue() > 0) {
                serving = Math.min(serving, (long) serviceServing(backend.getKey()) * plain.total() / backend.getValue());
            }
        }
        return (int) Math.min(serving, Integer.MAX_VALUE);
    }

    /** Ready pods of revision {@code revision} a Service sends traffic to now (0 if the Service does not exist). */
    int readyBehind(String service, String revision) {
        return (int) trafficOf(service).stream().filter(p -> revision.equals(p.revision())).count();
    }

    /** Pods a Service will keep sending traffic to once controllers catch up. */
    private int serviceServing(String service) {
        Map<String, String> selector = selectorOf(service);
        if (selector == null) {
            return 0;
        }
        return deployments.values().stream().mapToInt(d -> d.servingPods(tick, selector)).sum();
    }

    /** Ready pods a Service sends traffic to now. */
    List<ModelPod> trafficOf(String service) {
        Map<String, String> selector = selectorOf(service);
        if (selector == null) {
            return List.of();
        }
        return deployments.values().stream().flatMap(d -> d.readyPods(tick, selector).stream()).toList();
    }

    List<ModelDeployment> slotsOf(String bot) {
        return deployments.values().stream().filter(d -> bot.equals(d.bot())).toList();
    }
}
