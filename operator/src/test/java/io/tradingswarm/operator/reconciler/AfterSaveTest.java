package io.tradingswarm.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** A failed write after the status save loses no announcement, and a good one announces once. */
@Tag("unit")
class AfterSaveTest {
    private final List<String> happened = new ArrayList<>();

    @Test
    void aWriteThatFailsStillAnnouncesTheSavedTransitionOnceAndTheErrorGoesOnToTheRetry() {
        assertThrows(KubernetesClientException.class, () -> AfterSave.carryOut(() -> {
            happened.add("write");
            throw new KubernetesClientException("conflict");
        }, () -> happened.add("announce")));
        assertEquals(List.of("write", "announce"), happened);
    }

    @Test
    void writesComeBeforeTheAnnouncement() {
        AfterSave.carryOut(() -> happened.add("write"), () -> happened.add("announce"));
        assertEquals(List.of("write", "announce"), happened);
    }
}
