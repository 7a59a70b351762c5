package io.tradingswarm.operator.api;

import java.time.Duration;
import java.util.regex.Matcher;

/** The duration syntax of the API ("90s", "10m", "1h30m"), in one place for the schema and the planner. */
public final class Durations {
    /** A sequence of positive whole numbers with units ms, s, m or h. Signs are not allowed. */
    public static final String PATTERN = "^([0-9]+(ms|s|m|h))+$";

    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h)");

    private Durations() {
    }

    /** Parses text in {@link #PATTERN}; returns {@code fallback} for null. */
    public static Duration parse(String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        if (!text.matches(PATTERN)) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 10m, 1h30m)");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total;
    }
}
