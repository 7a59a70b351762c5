package io.tradingswarm.operator.planner;

/** What the cluster shows of a hook Job. */
public record JobState(boolean finished, boolean succeeded, String message) {
    public static final JobState RUNNING = new JobState(false, false, null);
}
