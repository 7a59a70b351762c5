package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last rollback: why, and how long traffic took to be restored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RollbackStatus {
    public String reason;
    public String message;
    @JsonPropertyDescription("The probe that failed, when a probe caused it.")
    public String probe;
    public String startedAt;
    @JsonPropertyDescription("When the stable slot was back at full size and ready.")
    public String completedAt;
    @JsonPropertyDescription("From failure detected to traffic restored.")
    public Double seconds;
}
