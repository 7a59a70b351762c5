package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One finished run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HistoryEntry {
    public String version;
    public String revision;
    /** Succeeded, RolledBack, Degraded, Superseded or Cancelled. */
    public String result;
    public String startedAt;
    public String finishedAt;
    public String reason;
}
