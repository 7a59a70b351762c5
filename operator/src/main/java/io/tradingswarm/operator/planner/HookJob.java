package io.tradingswarm.operator.planner;

import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;

/** A hook Job the shell must create (if it does not exist yet). */
public record HookJob(String name, String stage, String hook, JobSpec spec) {
}
