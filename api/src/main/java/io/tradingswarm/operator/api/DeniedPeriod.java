package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A dated period in which a release may not move forward (an exchange holiday, a rate decision),
 * in the window's local time. The fixed format orders as text as it does in time, so CEL compares the strings.
 */
@ValidationRule(value = "self.end > self.start", message = "end must be after start", fieldPath = ".end")
public class DeniedPeriod {
    @Required
    @Size(max = 16)
    @Pattern(LocalDateTimes.PATTERN)
    @JsonPropertyDescription("Local start, YYYY-MM-DDTHH:MM in the window's time zone.")
    public String start;

    @Required
    @Size(max = 16)
    @Pattern(LocalDateTimes.PATTERN)
    @JsonPropertyDescription("Local end (exclusive), YYYY-MM-DDTHH:MM in the window's time zone; after start.")
    public String end;

    @Required
    @Size(min = 1, max = 200)
    @JsonPropertyDescription("Why, shown in the status message while the freeze holds a run, e.g. \"Christmas: NYSE closed\".")
    public String reason;
}
