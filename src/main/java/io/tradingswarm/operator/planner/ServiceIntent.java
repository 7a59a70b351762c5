package io.tradingswarm.operator.planner;

/**
 * Which pods a bot's Service selects.
 *
 * @param pinnedTo the only slot that gets traffic, or null for both slots (traffic follows ready replicas)
 * @param preview the blue-green preview Service {@code <bot>-preview} rather than the bot's active Service
 */
public record ServiceIntent(String bot, Slot pinnedTo, boolean preview) {
}
