package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A GET whose status code must match; redirects are not followed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HttpProbe {
    @Required
    @Pattern("^https?://.+")
    @JsonPropertyDescription("The URL to GET; its host must be on the operator's allow-list (swarm.probes.http.allowed-hosts).")
    public String url;

    @Pattern("^[1-5][0-9][0-9](-[1-5][0-9][0-9])?$")
    @Default("200-299")
    @JsonPropertyDescription("A status code (200) or an inclusive range (200-299).")
    public String expectStatus;
}
