package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Days and local hours in which a release may move forward; an end before the start runs past midnight. */
public class AllowedPeriod {
    @Required
    @Size(min = 1, max = 7)
    @JsonPropertyDescription("Mon, Tue, Wed, Thu, Fri, Sat, Sun: the days the period starts on.")
    public List<@Pattern("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)$") String> days;

    @Required
    @Pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
    @JsonPropertyDescription("Local start time, HH:MM.")
    public String start;

    @Required
    @Pattern("^([01][0-9]|2[0-4]):[0-5][0-9]$")
    @JsonPropertyDescription("Local end time, HH:MM (24:00 for midnight); before start means the next day.")
    public String end;
}
