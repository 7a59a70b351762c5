package io.tradingswarm.operator.dependent;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.planner.Slot;

/** The desired Deployment of one bot's slot running the target version. Builds; never writes. */
public final class SlotDeployment {
    private SlotDeployment() {
    }

    public static String name(String bot, Slot slot) {
        return bot + "-" + slot.name();
    }

    public static Deployment desired(SwarmRelease release, Bot bot, Slot slot, int replicas, String revision) {
        String name = release.getMetadata().getName();
        Map<String, String> selector = Labels.slot(name, bot.name, slot);
        Map<String, String> labels = new HashMap<>(selector);
        labels.put(Labels.VERSION, release.getSpec().version);
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        return new DeploymentBuilder()
                .withNewMetadata().withName(name(bot.name, slot)).withNamespace(release.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(Owner.of(release)).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(selector).endSelector()
                .withTemplate(template(bot.template, selector, release.getSpec().version, revision)).endSpec()
                .build();
    }

    private static PodTemplateSpec template(PodTemplateSpec from, Map<String, String> selector, String version, String revision) {
        PodTemplateSpecBuilder t = new PodTemplateSpecBuilder(from);
        if (from.getMetadata() == null) {
            t.withNewMetadata().endMetadata();
        }
        return t.editMetadata().addToLabels(selector).addToLabels(Labels.VERSION, version)
                .addToAnnotations(Labels.REVISION, revision).endMetadata().build();
    }
}
