package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

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
}
