package io.tradingswarm.operator.api;

/** The name template of a bot's route. */
public final class RouteNames {
    /** The default: one route per bot, named like the bot. */
    public static final String BOT = "{{bot}}";
    /** A DNS subdomain in which {{bot}} may stand for the bot's name. */
    public static final String PATTERN = "^([a-z0-9]|\\{\\{bot}})([-a-z0-9.]|\\{\\{bot}})*$";

    /** A hostname, possibly a wildcard, in which {{bot}} may stand for the bot's name. */
    public static final String HOST_PATTERN = "^(\\*\\.)?([a-z0-9]|\\{\\{bot}})([-a-z0-9.]|\\{\\{bot}})*$";

    private RouteNames() {
    }

    public static String of(String template, String bot) {
        return (template == null ? BOT : template).replace(BOT, bot);
    }
}
