package io.tradingswarm.operator.probe;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.tradingswarm.operator.dependent.Labels;

/**
 * Runs a Job per measurement and reads the verdict from its conditions. The Job name is derived
 * from the run, the probe and the measurement count in status, so a restarted operator finds the
 * Job it had started instead of running the smoke test again.
 */
public final class JobProvider implements ProbeProvider<JobProvider.JobRun> {
    public static final String RUN_LABEL = "tradingswarm.io/run";
    public static final String PROBE_LABEL = "tradingswarm.io/probe";
    public static final String WINDOW_LABEL = "tradingswarm.io/window";

    /** One smoke-test run: the Job's name, template, owner and labels. */
    public record JobRun(String name, JobSpec template, OwnerReference owner, Map<String, String> labels) {
    }

    private final KubernetesClient client;

    public JobProvider(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Measurement measure(JobRun run, ProbeTarget target, Duration timeout) {
        try {
            deleteOldJobs(run, target);
            var jobs = client.batch().v1().jobs().inNamespace(target.namespace());
            if (jobs.withName(run.name()).get() == null) {
                jobs.resource(new JobBuilder().withNewMetadata().withName(run.name()).withNamespace(target.namespace())
                        .withLabels(run.labels()).withOwnerReferences(run.owner()).endMetadata()
                        .withSpec(run.template()).build()).create();
            }
            Job done = jobs.withName(run.name()).waitUntilCondition(JobProvider::finished, timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            return condition(done, "Complete") ? Measurement.pass(1.0, "job " + run.name() + " succeeded")
                    : Measurement.fail(0.0, "job " + run.name() + " failed: " + failureReason(done));
        } catch (KubernetesClientTimeoutException e) {
            return Measurement.error("job " + run.name() + " did not finish within " + timeout.toSeconds() + "s");
        } catch (KubernetesClientException e) {
            // The exception's message quotes the API server's answer.
            return Measurement.error("job " + run.name() + ": API request failed"
                    + (e.getCode() > 0 ? " with HTTP " + e.getCode() : ""));
        }
    }

    /** Jobs of other runs go at once; finished Jobs of earlier windows of this run go too. */
    private void deleteOldJobs(JobRun run, ProbeTarget target) {
        var jobs = client.batch().v1().jobs().inNamespace(target.namespace());
        for (Job job : jobs.withLabel(PROBE_LABEL, target.probe()).withLabel(Labels.RELEASE, target.release()).list().getItems()) {
            var labels = job.getMetadata().getLabels();
            boolean otherRun = !run.labels().get(RUN_LABEL).equals(labels.get(RUN_LABEL));
            boolean earlierWindow = !run.labels().get(WINDOW_LABEL).equals(labels.get(WINDOW_LABEL)) && finished(job);
            if (otherRun || earlierWindow) {
                jobs.withName(job.getMetadata().getName())
                        .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
            }
        }
    }

    private static boolean finished(Job job) {
        return job != null && (condition(job, "Complete") || condition(job, "Failed"));
    }

    private static boolean condition(Job job, String type) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String failureReason(Job job) {
        return job.getStatus().getConditions().stream().filter(c -> "Failed".equals(c.getType())).findFirst()
                .map(c -> c.getReason() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")")).orElse("unknown");
    }
}
