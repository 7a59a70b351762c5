package io.tradingswarm.operator.api;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The local date-time syntax of the API ("2026-12-24T13:00"), in one place for the schema and the planner. */
public final class LocalDateTimes {
    /** An ISO local date-time to the minute: YYYY-MM-DDTHH:MM. */
    public static final String PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]$";

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    private LocalDateTimes() {
    }

    /** Parses text in {@link #PATTERN} that names a real date (no 30 February). */
    public static LocalDateTime parse(String text) {
        if (text == null || !text.matches(PATTERN)) {
            throw new IllegalArgumentException("not a local date-time: '" + text + "' (use YYYY-MM-DDTHH:MM, e.g. 2026-12-24T13:00)");
        }
        try {
            return LocalDateTime.parse(text, FORMAT);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date: '" + text + "'", e);
        }
    }

    /** The text of a local date-time, to the minute. */
    public static String format(LocalDateTime time) {
        return FORMAT.format(time);
    }
}
