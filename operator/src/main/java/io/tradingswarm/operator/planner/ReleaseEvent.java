package io.tradingswarm.operator.planner;

/** A Kubernetes Event the shell emits after the status that records it is saved. */
public record ReleaseEvent(EventReason reason, String message) {
}
