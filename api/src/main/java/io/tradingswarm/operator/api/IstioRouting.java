package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * One VirtualService per bot with a Service, routing to per-slot Services. The operator owns the
 * VirtualService's {@code spec.http}; with {@code hosts} it creates and owns all of it, without
 * them the VirtualService is the user's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IstioRouting {
    @Size(max = 253)
    @Pattern(RouteNames.PATTERN)
    @JsonPropertyDescription("The VirtualService's name; {{bot}} stands for the bot's name; default {{bot}}.")
    public String virtualService;

    @Size(max = 32)
    @JsonPropertyDescription("Set: the operator creates the VirtualService for these hosts and owns all of it. "
            + "Unset: it must exist (e.g. synced by Argo CD); the operator writes only its spec.http and labels.")
    public List<@Size(max = 253) @Pattern(RouteNames.HOST_PATTERN) String> hosts;

    @Size(max = 32)
    @JsonPropertyDescription("Gateways of an operator-created VirtualService; default the mesh.")
    public List<@Size(max = 253) String> gateways;
}
