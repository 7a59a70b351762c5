package io.tradingswarm.operator.sim;

import java.util.Random;
import java.util.Set;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * How pods of an image behave: a broken image never becomes ready, others after a random number of
 * ticks (none in a calm phase). Old pods take a tick or two to go away.
 */
final class PodFactory {
    private final Random random;
    private final Set<String> brokenImages;
    private boolean calm;

    PodFactory(Random random, Set<String> brokenImages) {
        this.random = random;
        this.brokenImages = brokenImages;
    }

    void calmDown() {
        calm = true;
    }

    ModelPod create(PodTemplateSpec template, long tick) {
        boolean broken = template.getSpec().getContainers().stream().anyMatch(c -> brokenImages.contains(c.getImage()));
        long readyAt = broken ? ModelPod.NEVER : tick + (calm ? 0 : random.nextInt(4));
        return new ModelPod(template, readyAt);
    }

    int terminationTicks() {
        return calm ? 0 : random.nextInt(3);
    }
}
