package io.tradingswarm.operator.planner;

/**
 * Which pods one of a bot's Services selects.
 *
 * @param pinnedTo the only slot that gets traffic, or null for both slots (traffic follows ready replicas)
 * @param kind which of the bot's Services
 */
public record ServiceIntent(String bot, Slot pinnedTo, Kind kind) {

    public enum Kind {
        /** The bot's own Service, named like the bot. */
        BOT,
        /** The blue-green preview Service {@code <bot>-preview}, on the new slot. */
        PREVIEW,
        /** With a router: {@code <bot>-<slot>}, one per slot, the route's backends and the probes' view of one slot. */
        SLOT
    }

    public String name() {
        return switch (kind) {
            case BOT -> bot;
            case PREVIEW -> bot + "-preview";
            case SLOT -> bot + "-" + pinnedTo.name();
        };
    }
}
