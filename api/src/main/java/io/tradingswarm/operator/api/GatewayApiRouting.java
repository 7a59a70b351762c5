package io.tradingswarm.operator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * One HTTPRoute per bot with a Service. The operator owns the route's {@code spec.rules}; with
 * {@code parentRefs} it creates and owns the whole route, without them the route is the user's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayApiRouting {
    @Size(max = 253)
    @Pattern(RouteNames.PATTERN)
    @JsonPropertyDescription("The route's name; {{bot}} stands for the bot's name; default {{bot}}.")
    public String httpRoute;

    @Size(max = 32)
    @JsonPropertyDescription("Set: the operator creates the route attached to these parents and owns all of it. "
            + "Unset: the route must exist (e.g. synced by Argo CD); the operator writes only its spec.rules and labels.")
    public List<ParentReference> parentRefs;

    @Size(max = 16)
    @JsonPropertyDescription("Hostnames of an operator-created route.")
    public List<@Size(max = 253) @Pattern(RouteNames.HOST_PATTERN) String> hostnames;
}
