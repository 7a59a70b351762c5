package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Replica counts of one bot's two slots. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BotStatus {
    public String name;
    public Integer stableReplicas;
    public Integer newReplicas;
    /** Ready pods of the target version (new slot). */
    public Integer readyReplicas;
    /** Ready pods of the stable version. */
    public Integer stableReadyReplicas;

    public BotStatus() {
    }

    public BotStatus(String name, int stableReplicas, int newReplicas, int readyReplicas, int stableReadyReplicas) {
        this.name = name;
        this.stableReplicas = stableReplicas;
        this.newReplicas = newReplicas;
        this.readyReplicas = readyReplicas;
        this.stableReadyReplicas = stableReadyReplicas;
    }
}
