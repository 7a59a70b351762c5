package io.tradingswarm.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.tradingswarm.operator.dependent.TradingGateObject;

@Tag("unit")
class CachePruningTest {

    private static Pod pod(String trading, String phase) {
        return new PodBuilder().withNewMetadata().withName("maker-b-x1").withNamespace("ns").withUid("u1").withResourceVersion("7")
                .withLabels(Map.of("tradingswarm.io/bot", "maker", "tradingswarm.io/slot", "b", "tradingswarm.io/trading", trading))
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").build())
                .addToAnnotations("note", "x").endMetadata()
                .withNewSpec().addNewContainer().withName("bot").withImage("bot:2").endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    @Test
    void aSlotPodKeepsWhatTheTradingLabelNeedsAndNothingElse() {
        var store = CachePruning.slotPods();
        Pod live = pod("shadow", "Running");
        store.put(store.getKey(live), live);
        Pod kept = store.get("ns/maker-b-x1");
        assertEquals(live.getMetadata().getLabels(), kept.getMetadata().getLabels());
        assertEquals("7", kept.getMetadata().getResourceVersion());
        assertNull(kept.getSpec());
        assertNull(kept.getStatus());
        assertTrue(kept.getMetadata().getManagedFields().isEmpty() && kept.getMetadata().getAnnotations().isEmpty());
        assertEquals(List.of(), TradingGateObject.podLabels(Map.of("maker-b", io.tradingswarm.operator.api.TradingState.SHADOW),
                List.of(kept)), "the label reads the same on the kept pod");
    }

    @Test
    void onlyALabelChangeOrADeletionOfASlotPodTriggersAReconcile() {
        assertFalse(CachePruning.podChangeMatters(pod("shadow", "Running"), pod("shadow", "Pending")), "status only");
        assertTrue(CachePruning.podChangeMatters(pod("active", "Running"), pod("shadow", "Running")));
        Pod going = pod("shadow", "Running");
        going.getMetadata().setDeletionTimestamp("2026-12-01T00:00:00Z");
        assertTrue(CachePruning.podChangeMatters(going, pod("shadow", "Running")));
    }

    @Test
    void aKindWhoseManagedFieldsNobodyReadsIsKeptWithoutThem() {
        var store = CachePruning.<ConfigMap>withoutManagedFields();
        ConfigMap gate = new ConfigMapBuilder().withNewMetadata().withName("r-trading").withNamespace("ns")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("swarm-operator").build()).endMetadata()
                .addToData("maker-a", "state=active\n").build();
        store.put(store.getKey(gate), gate);
        assertNull(store.get("ns/r-trading").getMetadata().getManagedFields());
        assertEquals(Map.of("maker-a", "state=active\n"), store.get("ns/r-trading").getData());
    }
}
