package io.tradingswarm.operator.dependent;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.Slot;

/** The desired Service of a bot: both slots (canary traffic follows ready pods) or one pinned slot. */
public final class BotServiceResource {
    private BotServiceResource() {
    }

    public static Map<String, String> selector(SwarmRelease release, String bot, Slot pinnedTo) {
        String name = release.getMetadata().getName();
        return pinnedTo == null ? Labels.bot(name, bot) : Labels.slot(name, bot, pinnedTo);
    }

    public static Service desired(SwarmRelease release, Bot bot, Slot pinnedTo) {
        Map<String, String> labels = Labels.bot(release.getMetadata().getName(), bot.name);
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        return new ServiceBuilder()
                .withNewMetadata().withName(bot.name).withNamespace(release.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(Owner.of(release)).endMetadata()
                .withNewSpec().withSelector(selector(release, bot.name, pinnedTo)).withPorts(bot.service.ports).endSpec()
                .build();
    }
}
