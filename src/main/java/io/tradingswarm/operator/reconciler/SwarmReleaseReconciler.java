package io.tradingswarm.operator.reconciler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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
import io.tradingswarm.operator.dependent.ClusterWrites;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.EventReason;
import io.tradingswarm.operator.planner.Observed;
import io.tradingswarm.operator.planner.Plan;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.planner.StoredRevision;
import io.tradingswarm.operator.probe.HostAllowList;
import io.tradingswarm.operator.probe.ProbeRunner;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tradingswarm.operator.planner.Planner;
import io.tradingswarm.operator.planner.ReleaseEvent;
import io.tradingswarm.operator.status.StatusAggregator;
import io.tradingswarm.operator.telemetry.ReleaseEvents;
import io.tradingswarm.operator.telemetry.Notifier;
import io.tradingswarm.operator.telemetry.ReleaseMetrics;
import io.tradingswarm.operator.validation.SpecValidator;

/**
 * The thin Kubernetes shell around the planner: validate, observe, plan, save status, apply, then
 * record events and metrics. Level-based: every decision is recomputed from status and the cluster.
 */
@ControllerConfiguration(name = "swarmrelease", generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 2, timeUnit = TimeUnit.MINUTES))
public class SwarmReleaseReconciler implements Reconciler<SwarmRelease> {
    private final Planner planner = new Planner();
    private final Clock clock;
    private final ReleaseMetrics metrics;
    private final ProbeRunner probes;
    private final HostAllowList allowedHosts;
    private final Notifier notifier;

    /** @param allowedHosts the hosts HTTP probes may call */
    public SwarmReleaseReconciler(Clock clock, ReleaseMetrics metrics, ProbeRunner probes, HostAllowList allowedHosts,
            Notifier notifier) {
        this.clock = clock;
        this.metrics = metrics;
        this.probes = probes;
        this.allowedHosts = allowedHosts;
        this.notifier = notifier;
    }

    @Override
    public List<EventSource<?, SwarmRelease>> prepareEventSources(EventSourceContext<SwarmRelease> context) {
        return List.of(owned(Deployment.class, context), owned(Service.class, context), owned(Job.class, context),
                owned(ControllerRevision.class, context), probes.arrivals());
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> InformerEventSource<R, SwarmRelease> owned(
            Class<R> type, EventSourceContext<SwarmRelease> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, SwarmRelease.class)
                .withLabelSelector(Labels.OWNED_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(SwarmRelease.class))
                .build(), context);
    }

    @Override
    public UpdateControl<SwarmRelease> reconcile(SwarmRelease release, Context<SwarmRelease> context) {
        Instant now = clock.instant();
        ReleaseEvents events = new ReleaseEvents(context.getClient());
        List<String> errors = SpecValidator.validate(release.getSpec(), allowedHosts::allows);
        if (errors.isEmpty()) {
            errors = TemplateDryRun.check(context.getClient(), release);
        }
        if (!errors.isEmpty()) {
            return invalidSpec(release, context, events, String.join("; ", errors), now);
        }
        Set<Deployment> deployments = context.getSecondaryResources(Deployment.class);
        Map<String, StoredRevision> revisions = RevisionKeeper.keep(context.getClient(), release,
                context.getSecondaryResources(ControllerRevision.class), deployments);
        ResourceID id = ResourceID.fromResource(release);
        List<ProbeResult> landed = probes.landed(id);
        Action action = ActionAnnotation.take(context.getClient(), release);
        Observed observed = Observation.of(release, deployments, context.getSecondaryResources(Job.class), revisions,
                landed, action);
        Plan plan = planner.plan(observed, now);

        saveStatus(release, context, plan.status());
        probes.counted(id, landed);
        if (action != null && plan.status().lastAction != null
                && action.requestId().equals(plan.status().lastAction.requestId)) {
            ActionAnnotation.clear(context.getClient(), release, action);
        }
        new ClusterWriter(context.getClient(), release.getMetadata().getNamespace()).write(ClusterWrites.of(release, plan,
                byName(deployments), byName(context.getSecondaryResources(Service.class)), revisions));
        plan.hookJobs().forEach(job -> HookJobs.create(context.getClient(), release, job));
        SwarmRelease saved = withStatus(release, plan.status());
        plan.events().forEach(e -> events.emit(release, e, now));
        notifier.notify(saved, plan.events());
        metrics.record(saved, plan.status(), plan.events());
        metrics.recordProbes(landed);
        if (!plan.probesDue().isEmpty()) {
            probes.launch(saved, plan.probesDue());
        }

        UpdateControl<SwarmRelease> control = UpdateControl.noUpdate();
        plan.wakeUpAfter().ifPresent(d -> control.rescheduleAfter(Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS));
        return control;
    }

    private static <R extends HasMetadata> Map<String, R> byName(Set<R> objects) {
        return objects.stream().collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity()));
    }

    private static SwarmRelease withStatus(SwarmRelease release, SwarmReleaseStatus status) {
        SwarmRelease copy = new SwarmRelease();
        copy.setMetadata(release.getMetadata());
        copy.setSpec(release.getSpec());
        copy.setStatus(status);
        return copy;
    }

    private UpdateControl<SwarmRelease> invalidSpec(SwarmRelease release, Context<SwarmRelease> context,
            ReleaseEvents events, String message, Instant now) {
        boolean wasInvalid = release.getStatus() != null && message.equals(release.getStatus().message);
        SwarmReleaseStatus status = StatusAggregator.invalidSpec(release.getStatus(), release.getMetadata().getGeneration(),
                message, now);
        saveStatus(release, context, status);
        if (!wasInvalid) {
            events.emit(release, new ReleaseEvent(EventReason.InvalidSpec, message), now);
        }
        metrics.record(release, status, List.of());
        return UpdateControl.noUpdate();
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
