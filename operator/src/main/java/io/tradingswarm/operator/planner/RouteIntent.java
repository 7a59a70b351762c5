package io.tradingswarm.operator.planner;

import java.util.List;

import io.tradingswarm.operator.api.HeaderMatch;

/**
 * The desired route of one bot: {@code newWeight} percent of its requests to the slot beside
 * {@code stable}, the rest to {@code stable}; requests matching {@code headerRoute} (when not
 * empty) all to the new slot.
 */
public record RouteIntent(String bot, Slot stable, int newWeight, List<HeaderMatch> headerRoute) {

    public Slot newSlot() {
        return stable.other();
    }
}
