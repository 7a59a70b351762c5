package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.ValidationRule;

/**
 * Exact traffic weights through a router: the canary's share is written to a route, the stable
 * slot keeps its full size for the whole run, and a rollback is one route write.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.gatewayAPI) != has(self.istio)", message = "trafficRouting sets exactly one of gatewayAPI, istio")
public class TrafficRouting {
    @JsonPropertyDescription("Weights on an HTTPRoute (gateway.networking.k8s.io/v1) per bot.")
    public GatewayApiRouting gatewayAPI;

    @JsonPropertyDescription("Weights on an Istio VirtualService (networking.istio.io/v1) per bot.")
    public IstioRouting istio;
}
