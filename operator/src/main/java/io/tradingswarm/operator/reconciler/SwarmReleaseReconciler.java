package io.tradingswarm.operator.reconciler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.dependent.TradingGateObject;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.probe.ProbeRunner;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tradingswarm.operator.telemetry.ReleaseEvents;
import io.tradingswarm.operator.telemetry.Notifier;
import io.tradingswarm.operator.telemetry.ReleaseMetrics;
import io.tradingswarm.operator.telemetry.SeriesSweeper;

/**
 * The thin Kubernetes shell around the {@link Decider}: read the caches, decide, save status, announce
 * (events, notifications, metrics), then write. Level-based: every decision is recomputed from status
 * and the cluster.
 */
@ControllerConfiguration(name = "swarmrelease", generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 2, timeUnit = TimeUnit.MINUTES))
public class SwarmReleaseReconciler implements Reconciler<SwarmRelease> {
    private final Clock clock;
    private final ReleaseMetrics metrics;
    private final ProbeRunner probes;
    private final Decider decider;
    /** How soon a deleted release's metric series go. */
    private static final java.time.Duration SWEEP_EVERY = java.time.Duration.ofSeconds(30);
    private final Notifier notifier;

    /** @param allowedHosts the hosts HTTP probes may call */
    public SwarmReleaseReconciler(Clock clock, ReleaseMetrics metrics, ProbeRunner probes, HostAllowList allowedHosts,
            Notifier notifier) {
        this.clock = clock;
        this.metrics = metrics;
        this.probes = probes;
        this.decider = new Decider(allowedHosts::allows);
        this.notifier = notifier;
    }

    @Override
    public List<EventSource<?, SwarmRelease>> prepareEventSources(EventSourceContext<SwarmRelease> context) {
        new SeriesSweeper(metrics, () -> context.getPrimaryCache().list(), SWEEP_EVERY);
        return List.of(owned(Deployment.class, context, CachePruning.withManagedFieldsSummary()),
                owned(Service.class, context, CachePruning.withManagedFieldsSummary()),
                owned(Job.class, context, CachePruning.withoutManagedFields()),
                owned(ControllerRevision.class, context, CachePruning.withoutManagedFields()),
                owned(ConfigMap.class, context, CachePruning.withoutManagedFields()), slotPods(context), probes.arrivals(),
                ShardConfigMaps.eventSource(context));
    }

    /** The informer of the owned objects of a kind, named by the kind (ConfigMaps have a second one). */
    static String ownedSource(Class<?> type) {
        return "owned-" + type.getSimpleName();
    }

    /** @param store what the informer keeps of each object, or null: the whole object */
    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> InformerEventSource<R, SwarmRelease> owned(
            Class<R> type, EventSourceContext<SwarmRelease> context, ItemStore<R> store) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, SwarmRelease.class)
                .withName(ownedSource(type)).withLabelSelector(Labels.OWNED_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(SwarmRelease.class))
                .withItemStore(store).build(), context);
    }

    /** The slot pods (owned by ReplicaSets, so found by their release label): new ones need their trading label. */
    private static InformerEventSource<Pod, SwarmRelease> slotPods(EventSourceContext<SwarmRelease> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, SwarmRelease.class)
                .withLabelSelector(Labels.RELEASE).withSecondaryToPrimaryMapper((Pod pod) -> java.util.Set.of(new ResourceID(
                        pod.getMetadata().getLabels().get(Labels.RELEASE), pod.getMetadata().getNamespace())))
                .withItemStore(CachePruning.slotPods()).withOnUpdateFilter(CachePruning::podChangeMatters)
                .build(), context);
    }

    @Override
    public UpdateControl<SwarmRelease> reconcile(SwarmRelease release, Context<SwarmRelease> context) {
        ResourceID id = ResourceID.fromResource(release);
        List<ProbeResult> inbox = probes.landed(id);
        List<ProbeResult> landed = OvertakenResults.drop(inbox, release.getStatus());
        // After the measurements are taken in: none can be stamped later than the decision's clock.
        Instant now = clock.instant();
        ClusterView view = new ClusterView(context.getSecondaryResources(Deployment.class),
                context.getSecondaryResources(Service.class), context.getSecondaryResources(Job.class),
                context.getSecondaryResources(ControllerRevision.class), Routes.live(context, release),
                context.getSecondaryResources(ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().equals(TradingGateObject.name(release.getMetadata().getName())))
                        .findFirst().orElse(null),
                context.getSecondaryResources(Pod.class), ShardConfigMaps.of(release, context));
        Action action = ActionAnnotation.take(context.getClient(), release);
        Decision decision = decider.decide(release, view, () -> ApiServerChecks.check(context.getClient(), release, view),
                landed, action, now);

        if (decision.undoTo() != null) {
            // Before the status that records the action: a crash in between repeats the request, never loses it.
            SpecRewrite.undo(context.getClient(), release, decision.undoTo());
        }
        saveStatus(release, context, decision.status());
        probes.counted(id, inbox);
        if (action != null && decision.status().lastAction != null
                && action.requestId().equals(decision.status().lastAction.requestId)) {
            ActionAnnotation.clear(context.getClient(), release, action);
        }
        SwarmRelease saved = withStatus(release, decision.status());
        AfterSave.carryOut(() -> {
            List<HasMetadata> written = new ClusterWriter(context.getClient(), release.getMetadata().getNamespace())
                    .write(decision.writes());
            ReadYourWrites.remember(context, Stream.of(view.deployments(), view.services(), view.routes(),
                    view.gate() == null ? List.<HasMetadata>of() : List.<HasMetadata>of(view.gate()))
                    .<HasMetadata>flatMap(java.util.Collection::stream).toList(), written);
            decision.hookJobs().forEach(job -> HookJobs.create(context.getClient(), release, job));
        }, () -> announce(saved, decision, landed, now, new ReleaseEvents(context.getClient())));
        if (!decision.probesDue().isEmpty()) {
            probes.launch(saved, decision.probesDue());
        }
        UpdateControl<SwarmRelease> control = UpdateControl.noUpdate();
        decision.wakeUpAfter().ifPresent(d -> control.rescheduleAfter(Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS));
        return control;
    }

    /**
     * Events, notifications and metrics follow the saved status, also when a write failed: the retry
     * decides from the saved status, which has no transition left to announce, so none is lost or repeated.
     */
    private void announce(SwarmRelease saved, Decision decision, List<ProbeResult> landed, Instant now, ReleaseEvents events) {
        decision.events().forEach(e -> events.emit(saved, e, now));
        notifier.notify(saved, decision.events());
        metrics.record(saved, decision.status(), decision.events());
        metrics.recordProbes(saved, landed);
    }

    private static SwarmRelease withStatus(SwarmRelease release, SwarmReleaseStatus status) {
        SwarmRelease copy = new SwarmRelease();
        copy.setMetadata(release.getMetadata());
        copy.setSpec(release.getSpec());
        copy.setStatus(status);
        return copy;
    }

    /**
     * Server-side apply of status when it changed, guarded by the resourceVersion the decision was
     * based on: a decision made on a stale cache fails with a conflict and is made again.
     */
    private static void saveStatus(SwarmRelease release, Context<SwarmRelease> context, SwarmReleaseStatus status) {
        if (StatusDiff.same(release.getStatus(), status)) {
            return;
        }
        SwarmRelease patch = new SwarmRelease();
        patch.setMetadata(new ObjectMetaBuilder().withName(release.getMetadata().getName())
                .withNamespace(release.getMetadata().getNamespace())
                .withResourceVersion(release.getMetadata().getResourceVersion()).build());
        patch.setStatus(status);
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(release, patch, context);
    }
}
