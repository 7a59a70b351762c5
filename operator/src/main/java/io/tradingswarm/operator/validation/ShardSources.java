package io.tradingswarm.operator.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.ConfigMapKeyReference;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/**
 * {@code bots[].shardsFrom}: the shard list of a bot read from a key of a ConfigMap in the release's
 * namespace. Only ConfigMaps labelled {@value #LABEL}{@code ="true"} are watched (and so read), as Flux
 * does for the sources it watches. The list that key holds obeys the rules of inline shards; anything
 * wrong is an invalid spec, each message naming the field.
 */
public final class ShardSources {
    /** The label a ConfigMap needs to be a bot's shard source. */
    public static final String LABEL = "tradingswarm.io/shards";
    /** The label selector of the ConfigMaps the operator watches for shard lists. */
    public static final String SELECTOR = LABEL + "=true";
    private static final Pattern SHARD = Pattern.compile(Bot.SHARD_PATTERN);

    private ShardSources() {
    }

    /**
     * @param shards the resolved list of every bot with shardsFrom, by bot name (those that could be read)
     * @param errors what is wrong, each naming the field; none when every list was read
     */
    public record Resolution(Map<String, List<String>> shards, List<String> errors) {
    }

    /** The names of the ConfigMaps the spec's bots take their shards from. */
    public static Set<String> configMapNames(SwarmReleaseSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        if (spec != null && spec.bots != null) {
            for (Bot bot : spec.bots) {
                ConfigMapKeyReference ref = ref(bot);
                if (ref != null && ref.name != null) {
                    names.add(ref.name);
                }
            }
        }
        return names;
    }

    /**
     * Reads every bot's shards from its ConfigMap.
     *
     * @param configMaps the ConfigMaps {@link #configMapNames} names, by name, as far as they exist
     *        (an unlabelled one too, so the message can say what is missing)
     */
    public static Resolution resolve(SwarmReleaseSpec spec, Map<String, ConfigMap> configMaps) {
        Map<String, List<String>> shards = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<Bot> bots = spec == null || spec.bots == null ? List.of() : spec.bots;
        for (int i = 0; i < bots.size(); i++) {
            Bot bot = bots.get(i);
            if (bot.shardsFrom == null) {
                continue;
            }
            String field = "spec.bots[" + i + "].shardsFrom";
            ConfigMapKeyReference ref = ref(bot);
            if (ref == null || ref.name == null || ref.key == null) {
                errors.add(field + ".configMapKeyRef: name and key are required");
                continue;
            }
            String source = field + ": ConfigMap " + ref.name;
            ConfigMap configMap = configMaps.get(ref.name);
            Map<String, String> labels = configMap == null ? null : configMap.getMetadata().getLabels();
            String value = configMap == null || configMap.getData() == null ? null : configMap.getData().get(ref.key);
            if (configMap == null) {
                errors.add(source + " not found");
            } else if (labels == null || !"true".equals(labels.get(LABEL))) {
                errors.add(source + " is not labelled " + LABEL + "=true (the operator only watches labelled ConfigMaps)");
            } else if (value == null) {
                errors.add(source + " has no key " + ref.key);
            } else {
                List<String> list = parse(value);
                int before = errors.size();
                check(errors, source + " key " + ref.key + ":", list);
                if (errors.size() == before) {
                    shards.put(bot.name, list);
                }
            }
        }
        return new Resolution(shards, errors);
    }

    /**
     * The shards a ConfigMap value lists: separated by newlines or commas, each trimmed; blank entries
     * and lines whose first non-blank character is {@code #} are ignored. In the order written.
     */
    public static List<String> parse(String value) {
        List<String> shards = new ArrayList<>();
        for (String line : value.split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            for (String entry : line.split(",")) {
                if (!entry.isBlank()) {
                    shards.add(entry.strip());
                }
            }
        }
        return shards;
    }

    /** The rules of inline shards (the CRD's): 1 to {@value Bot#MAX_SHARDS}, each matching the pattern, unique. */
    private static void check(List<String> errors, String field, List<String> shards) {
        if (shards.isEmpty()) {
            errors.add(field + " no shards; at least 1");
        } else if (shards.size() > Bot.MAX_SHARDS) {
            errors.add(field + " " + shards.size() + " shards; at most " + Bot.MAX_SHARDS);
        }
        shards.stream().filter(s -> !SHARD.matcher(s).matches()).findFirst()
                .ifPresent(s -> errors.add(field + " shard \"" + shown(s) + "\" does not match " + Bot.SHARD_PATTERN));
        Set<String> seen = new HashSet<>();
        shards.stream().filter(s -> !seen.add(s)).findFirst().ifPresent(s -> errors.add(field + " duplicate shard " + s));
    }

    /** A shard as a message quotes it: a long line is cut, so the status stays small. */
    private static String shown(String shard) {
        return shard.length() <= 64 ? shard : shard.substring(0, 64) + "...";
    }

    private static ConfigMapKeyReference ref(Bot bot) {
        return bot.shardsFrom == null ? null : bot.shardsFrom.configMapKeyRef;
    }
}
