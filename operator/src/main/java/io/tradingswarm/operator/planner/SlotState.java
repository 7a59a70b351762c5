package io.tradingswarm.operator.planner;

/**
 * What the cluster shows of one slot Deployment.
 *
 * @param readyReplicas ready pods of the Deployment's current template only; 0 while an older template still has pods
 * @param revision the release revision the Deployment's template carries, null when absent
 */
public record SlotState(boolean exists, int replicas, int readyReplicas, String revision) {
    public static final SlotState ABSENT = new SlotState(false, 0, 0, null);

    public static SlotState of(int replicas, int readyReplicas, String revision) {
        return new SlotState(true, replicas, readyReplicas, revision);
    }
}
