package io.tradingswarm.operator.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
    private final Map<String, ModelJob> jobs = new LinkedHashMap<>();
    private final Map<String, ControllerRevision> revisions = new LinkedHashMap<>();
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
            } else {
                revisions.remove(name);
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
                List.copyOf(revisions.values()), List.of());
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

    // ---- traffic ----

    /** The bot's Service selector, or null when the Service does not exist. */
    Map<String, String> selectorOf(String service) {
        ModelService s = services.get(service);
        return s == null ? null : s.selector();
    }

    /** Pods of the bot that its Service will keep sending traffic to once controllers catch up. */
    int servingPods(String bot) {
        Map<String, String> selector = selectorOf(bot);
        if (selector == null) {
            return 0;
        }
        return deployments.values().stream().filter(d -> bot.equals(d.bot())).mapToInt(d -> d.servingPods(tick, selector)).sum();
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
