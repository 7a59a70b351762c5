package io.tradingswarm.operator.dependent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.TradingState;
import io.tradingswarm.operator.planner.GateView;
import io.tradingswarm.operator.planner.Slot;

/**
 * The trading gate as bots read it (docs/trading-gate.md): the ConfigMap {@code <release>-trading}
 * with one key per slot Deployment, mounted into every slot pod, and the state stamped on each pod
 * as a label for people. Builds; never writes.
 */
public final class TradingGateObject {
    /** The label on every slot pod: its slot's trading state. */
    public static final String POD_LABEL = "tradingswarm.io/trading";
    public static final String MOUNT_PATH = "/etc/tradingswarm/gate";
    public static final String VOLUME = "tradingswarm-gate";
    public static final String FILE_ENV = "TRADINGSWARM_GATE_FILE";

    private TradingGateObject() {
    }

    public static String name(String release) {
        return release + "-trading";
    }

    /**
     * The gate's writes: the ConfigMap when its data differs from the live one (or {@code always}),
     * then the label of every pod whose slot's state changed. Traffic and capacity writes go between.
     */
    public static List<Write> gateWrite(SwarmRelease release, Map<String, TradingState> gate, Map<String, List<String>> shards,
            ConfigMap live, Map<String, Deployment> deployments, boolean always) {
        if (gate == null) {
            return List.of();
        }
        ConfigMap desired = desired(release, gate, shards == null ? Map.of() : shards, deployments);
        boolean differs = always || live == null || !Objects.equals(live.getData(), desired.getData());
        return differs ? List.of(new Write.Apply(desired)) : List.of();
    }

    /** Pods whose label does not show their slot's state (new pods, or a state that changed). */
    public static List<Write> podLabels(Map<String, TradingState> gate, Iterable<Pod> pods) {
        List<Write> writes = new ArrayList<>();
        if (gate == null) {
            return writes;
        }
        for (Pod pod : pods) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            String bot = labels == null ? null : labels.get(Labels.BOT);
            String slotLabel = labels == null ? null : labels.get(Labels.SLOT);
            TradingState state = bot == null ? null : Arrays.stream(Slot.values()).filter(s -> s.name().equals(slotLabel))
                    .findFirst().map(s -> gate.get(s.of(bot))).orElse(null);
            if (state != null && !state.word().equals(labels.get(POD_LABEL)) && pod.getMetadata().getDeletionTimestamp() == null) {
                writes.add(new Write.Label(pod.getMetadata().getName(), POD_LABEL, state.word()));
            }
        }
        return writes;
    }

    /** The live gate as the planner reads it; {@link GateView#NONE} without one. A garbled line reads as absent. */
    public static GateView view(ConfigMap live) {
        if (live == null || live.getData() == null) {
            return GateView.NONE;
        }
        Map<String, TradingState> states = new LinkedHashMap<>();
        Map<String, List<String>> shards = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        live.getData().forEach((slot, file) -> file.lines().forEach(line -> {
            if (line.startsWith(STATE)) {
                Arrays.stream(TradingState.values()).filter(s -> s.word().equals(line.substring(STATE.length()))).findFirst()
                        .ifPresent(s -> states.put(slot, s));
            } else if (line.startsWith(SHARDS)) {
                String list = line.substring(SHARDS.length());
                shards.put(slot, list.isEmpty() ? List.of() : List.of(list.split(",")));
            } else if (line.startsWith(VERSION) && line.length() > VERSION.length()) {
                versions.put(slot, line.substring(VERSION.length()));
            }
        }));
        return new GateView(states, shards, versions);
    }

    private static final String STATE = "state=";
    private static final String SHARDS = "shards=";
    private static final String VERSION = "version=";

    static ConfigMap desired(SwarmRelease release, Map<String, TradingState> gate, Map<String, List<String>> shards,
            Map<String, Deployment> deployments) {
        String name = release.getMetadata().getName();
        Map<String, String> data = new LinkedHashMap<>();
        gate.forEach((slot, state) -> data.put(slot, file(state, shards.get(slot), deployments.get(slot))));
        Map<String, String> labels = Labels.release(name);
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        return new ConfigMapBuilder().withNewMetadata().withName(name(name)).withNamespace(release.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(Owner.of(release)).endMetadata().withData(data).build();
    }

    /**
     * One slot's file: {@code state=active}; {@code shards=BTC-USD,ETH-USD} for a bot with shards (the
     * ones this slot trades, maybe none); {@code version=1.5.0} once the slot Deployment exists.
     */
    private static String file(TradingState state, List<String> shards, Deployment slot) {
        String version = slot == null || slot.getMetadata().getLabels() == null ? null
                : slot.getMetadata().getLabels().get(Labels.VERSION);
        return STATE + state.word() + "\n" + (shards == null ? "" : SHARDS + String.join(",", shards) + "\n")
                + (version == null ? "" : VERSION + version + "\n");
    }
}
