package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One exact header match. */
public class HeaderMatch {
    @Required
    @Size(min = 1, max = 256)
    @Pattern("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$")
    @JsonPropertyDescription("The header's name, e.g. x-desk.")
    public String name;

    @Required
    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("The value it must have.")
    public String value;

    public static HeaderMatch of(String name, String value) {
        HeaderMatch m = new HeaderMatch();
        m.name = name;
        m.value = value;
        return m;
    }
}
