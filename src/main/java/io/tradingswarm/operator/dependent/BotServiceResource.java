package io.tradingswarm.operator.dependent;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.Slot;

/**
 * The desired Service of a bot: both slots (canary traffic follows ready pods) or one pinned slot;
 * for blue-green also the preview Service on the new slot.
 */
public final class BotServiceResource {
    private BotServiceResource() {
    }

    public static Map<String, String> selector(SwarmRelease release, String bot, Slot pinnedTo) {
        String name = release.getMetadata().getName();
        return pinnedTo == null ? Labels.bot(name, bot) : Labels.slot(name, bot, pinnedTo);
    }

    /** The Service's name: the bot's, or {@code <bot>-preview} for the blue-green preview. */
    public static String name(String bot, boolean preview) {
        return preview ? bot + "-preview" : bot;
    }

    public static Service desired(SwarmRelease release, Bot bot, Slot pinnedTo, boolean preview) {
        Map<String, String> labels = Labels.bot(release.getMetadata().getName(), bot.name);
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        return new ServiceBuilder()
                .withNewMetadata().withName(name(bot.name, preview)).withNamespace(release.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(Owner.of(release)).endMetadata()
                .withNewSpec().withSelector(selector(release, bot.name, pinnedTo)).withPorts(bot.service.ports).endSpec()
                .build();
    }
}
