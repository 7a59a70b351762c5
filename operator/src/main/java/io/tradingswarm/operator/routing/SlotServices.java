package io.tradingswarm.operator.routing;

import io.tradingswarm.operator.planner.ServiceIntent;
import io.tradingswarm.operator.planner.Slot;

/** The per-slot Services a route sends requests to. */
final class SlotServices {
    private SlotServices() {
    }

    static String name(String bot, Slot slot) {
        return new ServiceIntent(bot, slot, ServiceIntent.Kind.SLOT).name();
    }
}
