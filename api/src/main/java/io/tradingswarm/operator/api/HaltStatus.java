package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The emergency halt in force: every slot of the swarm is halted until the resume action. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HaltStatus {
    @JsonPropertyDescription("When the operator applied the halt action.")
    public String haltedAt;
    @JsonPropertyDescription("Who asked: the field manager that wrote the tradingswarm.io/action annotation (e.g. kubectl-swarm, kubectl-annotate), as the API server recorded it.")
    public String by;
    @JsonPropertyDescription("The halt request's id (from tradingswarm.io/action-request).")
    public String requestId;
}
