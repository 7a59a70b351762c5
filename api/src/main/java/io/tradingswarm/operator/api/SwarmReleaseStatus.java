package io.tradingswarm.operator.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/**
 * The observed state of a release. Everything the operator needs to resume a run after a restart
 * lives here (and in the cluster), never only in memory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SwarmReleaseStatus {
    @JsonPropertyDescription("The generation this status describes.")
    public Long observedGeneration;
    public Phase phase;
    @JsonPropertyDescription("canary")
    public String strategy;
    @JsonPropertyDescription("The target version of the current (or last) run.")
    public String version;
    @JsonPropertyDescription("The version serving on the stable slot.")
    public String stableVersion;
    @JsonPropertyDescription("Hash of the version and every bot's pod template: the run's identity.")
    public String revision;
    public String stableRevision;
    @JsonPropertyDescription("a or b: the slot serving the stable version.")
    public String stableSlot;
    @JsonPropertyDescription("0-based index of the canary step in progress.")
    public Integer currentStep;
    public Integer totalSteps;
    @JsonPropertyDescription("Step progress for humans, e.g. 3/8.")
    public String step;
    @JsonPropertyDescription("Percent of each bot's replicas and traffic on the target version.")
    public Integer weight;
    @JsonPropertyDescription("With a router: true once this run's header route was written to ready new pods; it stays while the header route does.")
    public Boolean headerRouted;
    @JsonPropertyDescription("What the operator is doing or waiting for, and why.")
    public String message;
    public String runStartedAt;
    public String stepStartedAt;
    @JsonPropertyDescription("When the run was held (spec.paused, or outside the release window); the step clock stops meanwhile.")
    public String pausedAt;
    @JsonPropertyDescription("The phase an invalid spec interrupted; the run resumes there once the spec is valid again.")
    public Phase interruptedPhase;
    public List<Condition> conditions = new ArrayList<>();
    public List<BotStatus> bots = new ArrayList<>();
    @JsonPropertyDescription("The probes of the current run: counts survive an operator restart.")
    public List<ProbeStatus> probes = new ArrayList<>();
    public RollbackStatus rollback;
    @JsonPropertyDescription("The hook Jobs of the current run.")
    public List<HookStatus> hooks = new ArrayList<>();
    public LastAction lastAction;
    @JsonPropertyDescription("The emergency halt in force (the halt action), or absent: every slot is halted until the resume action.")
    public HaltStatus halt;
    @JsonPropertyDescription("The trading gate as published in the ConfigMap <release>-trading: the state of every bot slot by Deployment name (<bot>-<slot>).")
    public java.util.Map<String, TradingState> trading;
    @JsonPropertyDescription("For bots with shards: the shards each slot trades, by slot Deployment name (<bot>-<slot>), as the gate publishes them.")
    public java.util.Map<String, java.util.List<String>> shards;
    @JsonPropertyDescription("A handover of trading in progress (a blue-green switch, shards moving): the slot that stopped and since when the gate shows it.")
    public DrainStatus drain;
    @JsonPropertyDescription("The last 10 runs, newest first.")
    public List<HistoryEntry> history = new ArrayList<>();
}
