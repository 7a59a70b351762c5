package io.tradingswarm.operator.dependent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
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
        return slot.of(bot);
    }

    /** The revision a live slot Deployment's pod template carries, or null. */
    public static String revisionOf(Deployment live) {
        var meta = live.getSpec() == null || live.getSpec().getTemplate() == null ? null : live.getSpec().getTemplate().getMetadata();
        return meta == null || meta.getAnnotations() == null ? null : meta.getAnnotations().get(Labels.REVISION);
    }

    /** The slot running {@code bot}'s template of {@code revision}, which released {@code version}. */
    public static Deployment desired(SwarmRelease release, Bot bot, Slot slot, int replicas, String revision,
            String version) {
        String name = release.getMetadata().getName();
        Map<String, String> selector = Labels.slot(name, bot.name, slot);
        Map<String, String> labels = new HashMap<>(selector);
        labels.put(Labels.VERSION, version);
        labels.put(Labels.MANAGED_BY, Labels.OPERATOR);
        return new DeploymentBuilder()
                .withNewMetadata().withName(name(bot.name, slot)).withNamespace(release.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(Owner.of(release)).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(selector).endSelector()
                .withTemplate(template(bot.template, selector, version, revision, name, name(bot.name, slot))).endSpec()
                .build();
    }

    private static PodTemplateSpec template(PodTemplateSpec from, Map<String, String> selector, String version, String revision,
            String release, String slotName) {
        PodTemplateSpecBuilder t = new PodTemplateSpecBuilder(from);
        if (from.getMetadata() == null) {
            t.withNewMetadata().endMetadata();
        }
        PodTemplateSpec labelled = t.editMetadata().addToLabels(selector).addToLabels(Labels.VERSION, version)
                .addToAnnotations(Labels.REVISION, revision).endMetadata().build();
        return withTradingGate(labelled, release, slotName);
    }

    /**
     * The bot's own template inside a live slot's: without the labels, revision and trading gate that
     * {@link #desired} adds, so that building the slot again from it gives the live template back.
     */
    public static PodTemplateSpec userTemplate(PodTemplateSpec live) {
        PodTemplateSpec t = new PodTemplateSpecBuilder(live).build();
        if (t.getMetadata() != null) {
            if (t.getMetadata().getLabels() != null) {
                t.getMetadata().getLabels().keySet().removeIf(k -> k.startsWith("tradingswarm.io/") || k.equals(Labels.VERSION));
            }
            if (t.getMetadata().getAnnotations() != null) {
                t.getMetadata().getAnnotations().remove(Labels.REVISION);
            }
        }
        if (t.getSpec() != null) {
            removeIf(t.getSpec().getVolumes(), v -> TradingGateObject.VOLUME.equals(v.getName()));
            for (Container c : t.getSpec().getContainers() == null ? List.<Container>of() : t.getSpec().getContainers()) {
                removeIf(c.getVolumeMounts(), m -> TradingGateObject.VOLUME.equals(m.getName()));
                removeIf(c.getEnv(), e -> TradingGateObject.FILE_ENV.equals(e.getName()));
            }
        }
        return t;
    }

    private static <T> void removeIf(List<T> list, Predicate<T> gateItem) {
        if (list != null) {
            list.removeIf(gateItem);
        }
    }

    /** Every container sees the trading gate at {@link TradingGateObject#MOUNT_PATH}, its own file named by an env var. */
    private static PodTemplateSpec withTradingGate(PodTemplateSpec template, String release, String slotName) {
        if (template.getSpec() == null) {
            return template;
        }
        Volume gate = new VolumeBuilder().withName(TradingGateObject.VOLUME).withNewConfigMap()
                .withName(TradingGateObject.name(release)).withOptional(true).endConfigMap().build();
        VolumeMount mount = new VolumeMountBuilder().withName(TradingGateObject.VOLUME)
                .withMountPath(TradingGateObject.MOUNT_PATH).withReadOnly(true).build();
        EnvVar file = new EnvVar(TradingGateObject.FILE_ENV, TradingGateObject.MOUNT_PATH + "/" + slotName, null);
        PodSpecBuilder spec = new PodSpecBuilder(template.getSpec()).addToVolumes(gate);
        List<Container> containers = template.getSpec().getContainers() == null ? List.of() : template.getSpec().getContainers();
        spec.withContainers(containers.stream().map(c -> new ContainerBuilder(c).addToVolumeMounts(mount).addToEnv(file).build())
                .toList());
        return new PodTemplateSpecBuilder(template).withSpec(spec.build()).build();
    }
}
