package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One hook Job of the current run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HookStatus {
    /** preRollout, postRollout or onRollback. */
    public String stage;
    public String name;
    public String job;
    /** Running, Succeeded or Failed. */
    public String phase;
    public String message;
    @JsonPropertyDescription("When the operator asked for the Job. It is asked for once: a Job that is gone afterwards fails the hook, so a migration never runs twice.")
    public String requestedAt;
    @JsonPropertyDescription("True once the operator has seen the Job in the cluster.")
    public Boolean seen;
}
