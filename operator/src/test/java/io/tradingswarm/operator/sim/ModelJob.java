package io.tradingswarm.operator.sim;

import java.util.Map;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.planner.HookJob;

/** A hook Job: it runs for a few ticks, then is Complete or Failed as the history decided when it was created. */
final class ModelJob {
    static final String HOOK_LABEL = "tradingswarm.io/hook";

    final String name;
    private final Map<String, String> labels;
    private final long finishesAt;
    private final boolean succeeds;

    ModelJob(String release, HookJob hook, long finishesAt, boolean succeeds) {
        this.name = hook.name();
        this.labels = Map.of(Labels.RELEASE, release, HOOK_LABEL, hook.stage() + "." + hook.hook(),
                Labels.MANAGED_BY, Labels.OPERATOR);
        this.finishesAt = finishesAt;
        this.succeeds = succeeds;
    }

    boolean running(long tick) {
        return tick < finishesAt;
    }

    Job render(long tick) {
        JobBuilder job = new JobBuilder().withNewMetadata().withName(name).withNamespace(ModelCluster.NAMESPACE)
                .withLabels(labels).endMetadata().withNewSpec().endSpec();
        if (!running(tick)) {
            job.withNewStatus().withConditions(new JobConditionBuilder().withType(succeeds ? "Complete" : "Failed")
                    .withStatus("True").withReason(succeeds ? null : "BackoffLimitExceeded")
                    .withMessage(succeeds ? null : "Job has reached the specified backoff limit").build()).endStatus();
        }
        return job.build();
    }
}
