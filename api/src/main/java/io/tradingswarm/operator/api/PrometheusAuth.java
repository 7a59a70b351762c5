package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** Bearer token or basic credentials; values are read from Secrets and never written anywhere. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.bearerToken) != (has(self.username) || has(self.password))",
        message = "auth sets either bearerToken, or username and password")
@ValidationRule(value = "has(self.username) == has(self.password)", message = "auth sets username and password together")
public class PrometheusAuth {
    @JsonPropertyDescription("Secret key holding a bearer token.")
    public SecretKeySelector bearerToken;
    @JsonPropertyDescription("Secret key holding the basic-auth user name.")
    public SecretKeySelector username;
    @JsonPropertyDescription("Secret key holding the basic-auth password.")
    public SecretKeySelector password;
}
