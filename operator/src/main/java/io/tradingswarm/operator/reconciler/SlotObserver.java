package io.tradingswarm.operator.reconciler;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.planner.BotSlots;
import io.tradingswarm.operator.planner.Slot;
import io.tradingswarm.operator.planner.SlotState;

/** Turns the slot Deployments a release owns into the planner's view of them. */
final class SlotObserver {
    private SlotObserver() {
    }

    static Map<String, BotSlots> observe(Set<Deployment> owned) {
        Map<String, SlotState[]> bySlot = new HashMap<>();
        for (Deployment d : owned) {
            Map<String, String> labels = d.getMetadata().getLabels();
            if (labels == null || !labels.containsKey(Labels.BOT) || !labels.containsKey(Labels.SLOT)) {
                continue;
            }
            Slot slot = Slot.valueOf(labels.get(Labels.SLOT));
            bySlot.computeIfAbsent(labels.get(Labels.BOT), b -> new SlotState[] {SlotState.ABSENT, SlotState.ABSENT})
                    [slot.ordinal()] = state(d);
        }
        Map<String, BotSlots> out = new HashMap<>();
        bySlot.forEach((bot, s) -> out.put(bot, new BotSlots(s[0], s[1])));
        return out;
    }

    static SlotState state(Deployment d) {
        int replicas = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
        String revision = Optional.ofNullable(d.getSpec().getTemplate().getMetadata())
                .map(m -> m.getAnnotations()).map(a -> a.get(Labels.REVISION)).orElse(null);
        return SlotState.of(replicas, readyOfCurrentTemplate(d), revision);
    }

    /**
     * Ready pods count only once the Deployment controller has seen the latest spec and no pod of an
     * older template remains: never promote on a count that may include the wrong version.
     */
    private static int readyOfCurrentTemplate(Deployment d) {
        DeploymentStatus s = d.getStatus();
        if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < d.getMetadata().getGeneration()) {
            return 0;
        }
        int total = Optional.ofNullable(s.getReplicas()).orElse(0);
        int updated = Optional.ofNullable(s.getUpdatedReplicas()).orElse(0);
        return total == updated ? Optional.ofNullable(s.getReadyReplicas()).orElse(0) : 0;
    }
}
