package io.tradingswarm.operator.reconciler;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.dependent.Owner;
import io.tradingswarm.operator.planner.HookJob;
import io.tradingswarm.operator.planner.JobState;

/** Hook Jobs: what exists (for the planner) and creating the ones the plan asks for. */
final class HookJobs {
    static final String HOOK_LABEL = "tradingswarm.io/hook";

    private HookJobs() {
    }

    static Map<String, JobState> observe(Set<Job> owned) {
        Map<String, JobState> jobs = new HashMap<>();
        for (Job job : owned) {
            if (job.getMetadata().getLabels() == null || !job.getMetadata().getLabels().containsKey(HOOK_LABEL)) {
                continue;
            }
            var conditions = job.getStatus() == null || job.getStatus().getConditions() == null ? java.util.List
                    .<io.fabric8.kubernetes.api.model.batch.v1.JobCondition>of() : job.getStatus().getConditions();
            var done = conditions.stream().filter(c -> "True".equals(c.getStatus())
                    && ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))).findFirst();
            jobs.put(job.getMetadata().getName(), done.map(c -> new JobState(true, "Complete".equals(c.getType()),
                    "Complete".equals(c.getType()) ? "job succeeded" : c.getReason() + ": " + c.getMessage()))
                    .orElse(JobState.RUNNING));
        }
        return jobs;
    }

    static void create(KubernetesClient client, SwarmRelease release, HookJob hook) {
        Map<String, String> labels = Map.of(Labels.RELEASE, release.getMetadata().getName(),
                HOOK_LABEL, hook.stage() + "." + hook.hook(), Labels.MANAGED_BY, Labels.OPERATOR);
        Job job = new JobBuilder().withNewMetadata().withName(hook.name()).withNamespace(release.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(Owner.of(release)).endMetadata().withSpec(hook.spec()).build();
        try {
            client.batch().v1().jobs().resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
