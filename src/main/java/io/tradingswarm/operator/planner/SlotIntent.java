package io.tradingswarm.operator.planner;

/**
 * The desired state of one slot Deployment.
 *
 * @param carriesTarget true when the slot must run the target pod template (the new slot of a run, or
 *        the stable slot of a first release); false leaves its template untouched and only scales it
 */
public record SlotIntent(String bot, Slot slot, int replicas, boolean carriesTarget) {
}
