package io.tradingswarm.operator.dependent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.ServiceIntent;
import io.tradingswarm.operator.planner.Slot;

/**
 * The desired Services of a bot: its own on both slots (canary traffic follows ready pods) or one
 * pinned slot; for blue-green also the preview Service on the new slot; with a router one per slot.
 */
public final class BotServiceResource {
    private BotServiceResource() {
    }

    public static Map<String, String> selector(SwarmRelease release, String bot, Slot pinnedTo) {
        String name = release.getMetadata().getName();
        return pinnedTo == null ? Labels.bot(name, bot) : Labels.slot(name, bot, pinnedTo);
    }

    /** Every Service name a bot may have: its own, the blue-green preview, one per slot. */
    public static List<String> names(String bot) {
        List<String> names = new ArrayList<>(List.of(new ServiceIntent(bot, null, ServiceIntent.Kind.BOT).name(),
                new ServiceIntent(bot, null, ServiceIntent.Kind.PREVIEW).name()));
        Stream.of(Slot.values()).forEach(slot -> names.add(new ServiceIntent(bot, slot, ServiceIntent.Kind.SLOT).name()));
        return names;
    }

    public static Service desired(SwarmRelease release, Bot bot, ServiceIntent intent) {
        Map<String, String> labels = Labels.bot(release.getMetadata().getName(), bot.name);
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        return new ServiceBuilder()
                .withNewMetadata().withName(intent.name()).withNamespace(release.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(Owner.of(release)).endMetadata()
                .withNewSpec().withSelector(selector(release, bot.name, intent.pinnedTo())).withPorts(bot.service.ports).endSpec()
                .build();
    }
}
