package io.tradingswarm.operator.planner;

/**
 * The desired state of one slot Deployment.
 *
 * @param revision the release revision whose pod template the slot must run (the slot is created or
 *        restored from it), or null to leave the slot's template as it is and only scale it
 */
public record SlotIntent(String bot, Slot slot, int replicas, String revision) {
}
