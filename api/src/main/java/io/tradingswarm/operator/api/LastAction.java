package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last one-shot action (the tradingswarm.io/action annotation) the operator handled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LastAction {
    public String action;
    @JsonPropertyDescription("Applied, Ignored (makes no sense in this phase) or Unknown.")
    public String result;
    public String message;
    public String handledAt;
    @JsonPropertyDescription("The handled request's id (from tradingswarm.io/action-request), so a restart never handles it twice.")
    public String requestId;
}
