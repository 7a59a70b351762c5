package io.tradingswarm.operator.dependent;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tradingswarm.operator.planner.Slot;

/** The labels and annotations the operator puts on what it owns. */
public final class Labels {
    public static final String RELEASE = "tradingswarm.io/release";
    public static final String BOT = "tradingswarm.io/bot";
    public static final String SLOT = "tradingswarm.io/slot";
    public static final String VERSION = "app.kubernetes.io/version";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "swarm-operator";
    /** Annotation on a slot's pod template: the release revision it carries. */
    public static final String REVISION = "tradingswarm.io/revision";
    /** The selector of every informer: only what this operator created. */
    public static final String OWNED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private Labels() {
    }

    public static Map<String, String> release(String release) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RELEASE, release);
        return labels;
    }

    public static Map<String, String> bot(String release, String bot) {
        Map<String, String> labels = release(release);
        labels.put(BOT, bot);
        return labels;
    }

    public static Map<String, String> slot(String release, String bot, Slot slot) {
        Map<String, String> labels = bot(release, bot);
        labels.put(SLOT, slot.name());
        return labels;
    }
}
