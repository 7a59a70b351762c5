package io.tradingswarm.operator.planner;

/**
 * Replica-ratio traffic: how many pods each slot runs for a weight. Both counts round up, so a
 * non-zero weight always gets at least one new pod and the stable slot never drops below its share;
 * with few replicas the pod count can briefly exceed {@code replicas} (see docs/user-guide.md).
 */
public final class Weights {
    private Weights() {
    }

    /** Pods on the new slot at {@code weight} percent. */
    /** Shards the new slot trades at {@code weight} percent of a bot's {@code shards}: rounded up, as pods are. */
    public static int shards(int shards, int weight) {
        return ceilPercent(shards, weight);
    }

    public static int newReplicas(int replicas, int weight) {
        return ceilPercent(replicas, weight);
    }

    /**
     * Pods on the new slot at {@code weight} percent when it may already run more: it shrinks only as far
     * as ready stable pods replace it, so lowering the weight never dips serving capacity either.
     */
    public static int newReplicas(int replicas, int weight, int readyStable, int currentNew) {
        return Math.max(newReplicas(replicas, weight), Math.min(currentNew, replicas - readyStable));
    }

    /**
     * Pods on the stable slot at {@code weight} percent, given how many new pods are ready: the
     * stable slot shrinks only as far as ready new pods replace it, so serving capacity never dips.
     */
    public static int stableReplicas(int replicas, int weight, int readyNew) {
        int share = ceilPercent(replicas, 100 - weight);
        return Math.min(replicas, Math.max(share, replicas - readyNew));
    }

    private static int ceilPercent(int replicas, int percent) {
        return (replicas * percent + 99) / 100;
    }
}
