package io.tradingswarm.operator.unit.dependent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.SlotDeployment;
import io.tradingswarm.operator.planner.Slot;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * A stable revision rebuilt from its live slots (its ControllerRevision not yet in the cache) must
 * give back the template the slots run: otherwise the next apply rolls every stable pod at once.
 */
@Tag("unit")
class SlotTemplateRoundTripTest {

    @Property(tries = 300)
    void aSlotBuiltFromItsOwnLiveTemplateIsUnchanged(@ForAll("templates") PodTemplateSpec template, @ForAll Slot slot) {
        PodTemplateSpec live = slotTemplate(template, slot);

        PodTemplateSpec recovered = SlotDeployment.userTemplate(live);

        assertEquals(template, recovered, "the bot's own template");
        assertEquals(live, slotTemplate(recovered, slot), "the slot built again from it");
    }

    private static PodTemplateSpec slotTemplate(PodTemplateSpec template, Slot slot) {
        SwarmRelease release = new SwarmRelease();
        release.getMetadata().setName("swarm");
        release.getMetadata().setNamespace("trading");
        release.getMetadata().setUid("0b7c6c1e-5d43-4a39-9a7b-2f3b8e1d9c10");
        Bot bot = new Bot();
        bot.name = "alpha";
        bot.replicas = 2;
        bot.template = new PodTemplateSpecBuilder(template).build();
        return SlotDeployment.desired(release, bot, slot, 2, "6819fb40a2", "v1").getSpec().getTemplate();
    }

    @Provide
    Arbitrary<PodTemplateSpec> templates() {
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(Arbitraries.of("team", "app", "tier", "desk"),
                Arbitraries.of("alpha", "mm", "risk")).ofMaxSize(3);
        Arbitrary<List<Container>> containers = container().list().ofMinSize(1).ofMaxSize(3).uniqueElements(Container::getName);
        Arbitrary<List<Volume>> volumes = Arbitraries.of("config", "cache", "secrets").set().ofMaxSize(3)
                .map(names -> names.stream().map(n -> new VolumeBuilder().withName(n).withNewEmptyDir().endEmptyDir().build()).toList());
        return Combinators.combine(labels, labels, containers, volumes).as((l, a, c, v) -> new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(l).withAnnotations(a).endMetadata()
                .withNewSpec().withContainers(c).withVolumes(v).endSpec().build());
    }

    private static Arbitrary<Container> container() {
        Arbitrary<List<EnvVar>> env = Arbitraries.of("VENUE", "LIMIT", "MODE").set().ofMaxSize(3)
                .map(names -> names.stream().map(n -> new EnvVar(n, "1", null)).toList());
        Arbitrary<List<VolumeMount>> mounts = Arbitraries.of("config", "cache").set().ofMaxSize(2)
                .map(names -> names.stream().map(n -> new VolumeMount("/" + n, null, n, null, null, null, null)).toList());
        return Combinators.combine(Arbitraries.of("bot", "sidecar", "exporter"), env, mounts).as((name, e, m) -> new ContainerBuilder()
                .withName(name).withImage("bots/" + name + ":v1").withEnv(e).withVolumeMounts(m).build());
    }
}
