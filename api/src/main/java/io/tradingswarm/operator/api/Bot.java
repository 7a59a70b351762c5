package io.tradingswarm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** One workload of the swarm; it runs in two slot Deployments, {@code <name>-a} and {@code <name>-b}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.shards) && has(self.shardsFrom))", message = "set at most one of shards, shardsFrom")
public class Bot {
    /** What one shard may look like, inline or from a ConfigMap. */
    public static final String SHARD_PATTERN = "^[A-Za-z0-9._:/-]{1,63}$";
    /** The most shards a bot may declare, inline or from a ConfigMap. */
    public static final int MAX_SHARDS = 32;

    @Required
    @Size(min = 1, max = 42)
    @Pattern("^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$")
    @JsonPropertyDescription("DNS-1035 label of at most 42 characters (room for the slot suffixes); names the slot Deployments and the Service.")
    public String name;

    @Required
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Replicas at 100% traffic.")
    public Integer replicas;

    @Required
    @ValidationRule(value = "has(self.spec) && has(self.spec.containers) && self.spec.containers.size() > 0",
            message = "template.spec.containers must list at least one container")
    @JsonPropertyDescription("The pod template of the target version.")
    public PodTemplateSpec template;

    @JsonPropertyDescription("The Service that clients use; it selects the bot's serving pods.")
    public BotService service;

    @Size(min = 1, max = MAX_SHARDS)
    @ValidationRule(value = "self.all(s, self.filter(x, x == s).size() == 1)", message = "shards must be unique")
    @JsonPropertyDescription("What the bot trades, split for a canary by shard (symbols, books, accounts): a step's weight is then the share of shards the new slot trades, the first ones in this order; each shard trades on one slot at a time.")
    public java.util.List<@Size(max = 63) @Pattern(SHARD_PATTERN) String> shards;

    @JsonPropertyDescription("The shards from a ConfigMap key instead of inline (at most one of shards, shardsFrom); the same rules apply to the list it holds, and an edit of the ConfigMap acts as an edit of shards.")
    public ShardsSource shardsFrom;
}
