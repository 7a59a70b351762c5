package io.tradingswarm.cli.dashboard;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tradingswarm.cli.view.ReleaseView;
import io.tradingswarm.operator.api.SwarmRelease;

/**
 * The dashboard's one watch on the cluster: an informer on SwarmReleases and one on the slot
 * Deployments the operator owns, in one namespace or all. Pages never poll: each open event stream
 * subscribes here and is told when a release it shows changed. The feed also keeps each release's
 * {@link Observations}.
 */
final class ReleaseFeed implements AutoCloseable {
    static final String RELEASE_LABEL = ReleaseView.RELEASE_LABEL;
    static final String OWNED_SELECTOR = "app.kubernetes.io/managed-by=swarm-operator";

    private final KubernetesClient client;
    /** Null: every namespace. */
    private final String namespace;
    private final Clock clock;
    private final Map<String, Observations> observations = new ConcurrentHashMap<>();
    private final Set<Consumer<String>> subscribers = ConcurrentHashMap.newKeySet();
    private SharedIndexInformer<SwarmRelease> releases;
    private SharedIndexInformer<Deployment> deployments;
    private String deploymentsUnavailable;

    ReleaseFeed(KubernetesClient client, String namespace, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.clock = clock;
    }

    /** Lists and starts watching; fails with the apiserver's reason when SwarmReleases cannot be watched. */
    ReleaseFeed start() {
        var srel = client.resources(SwarmRelease.class);
        Informable<SwarmRelease> scope = namespace == null ? srel.inAnyNamespace() : srel.inNamespace(namespace);
        releases = scope.runnableInformer(0);
        releases.addEventHandler(handler(r -> {
            if (release(r.getMetadata().getNamespace(), r.getMetadata().getName()) == null) {
                observations.remove(key(r));
            } else {
                observations(key(r)).record(r, clock.instant());
            }
            changed(key(r));
        }));
        await(releases, "swarmreleases");
        var deploy = client.apps().deployments();
        deployments = (namespace == null ? deploy.inAnyNamespace() : deploy.inNamespace(namespace))
                .withLabel(RELEASE_LABEL).withLabelSelector(OWNED_SELECTOR).runnableInformer(0);
        deployments.addEventHandler(handler(d -> {
            String release = d.getMetadata().getLabels().get(RELEASE_LABEL);
            if (release != null) {
                changed(d.getMetadata().getNamespace() + "/" + release);
            }
        }));
        try {
            await(deployments, "deployments");
        } catch (KubernetesClientException e) {
            // Slots then come from the release's status alone; the page says so.
            deployments.close();
            deployments = null;
            deploymentsUnavailable = e.getMessage();
        }
        return this;
    }

    /** Every release in scope, by namespace and name. */
    List<SwarmRelease> releases() {
        return releases.getStore().list().stream()
                .sorted(Comparator.comparing((SwarmRelease r) -> r.getMetadata().getNamespace())
                        .thenComparing(r -> r.getMetadata().getName()))
                .toList();
    }

    SwarmRelease release(String namespace, String name) {
        return releases.getStore().getByKey(namespace + "/" + name);
    }

    /** The slot Deployments of a release, or an empty list when they cannot be watched. */
    List<Deployment> slots(String namespace, String release) {
        if (deployments == null) {
            return List.of();
        }
        return deployments.getStore().list().stream()
                .filter(d -> namespace.equals(d.getMetadata().getNamespace())
                        && release.equals(d.getMetadata().getLabels().get(RELEASE_LABEL)))
                .sorted(Comparator.comparing(d -> d.getMetadata().getName()))
                .toList();
    }

    /** Why slot Deployments are not watched (e.g. no permission), or null. */
    String deploymentsUnavailable() {
        return deploymentsUnavailable;
    }

    Observations observations(String key) {
        return observations.computeIfAbsent(key, k -> new Observations());
    }

    /** Calls {@code onChange} with the key (namespace/name) of each release that changes, until closed. */
    AutoCloseable subscribe(Consumer<String> onChange) {
        subscribers.add(onChange);
        return () -> subscribers.remove(onChange);
    }

    String scope() {
        return namespace == null ? "all namespaces" : "namespace " + namespace;
    }

    String namespace() {
        return namespace;
    }

    @Override
    public void close() {
        if (deployments != null) {
            deployments.close();
        }
        if (releases != null) {
            releases.close();
        }
    }

    static String key(HasMetadata r) {
        return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
    }

    private void changed(String key) {
        subscribers.forEach(s -> s.accept(key));
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onChange.accept(obj);
            }
        };
    }

    private static void await(SharedIndexInformer<?> informer, String what) {
        try {
            informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            informer.close();
            if (e.getCause() instanceof KubernetesClientException k) {
                throw k;
            }
            throw new KubernetesClientException("cannot watch " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            informer.close();
            throw new KubernetesClientException("cannot watch " + what + ": no answer from the apiserver within 30s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while listing " + what);
        }
    }
}
