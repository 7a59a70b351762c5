package io.tradingswarm.operator.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.dependent.TradingGateObject;

/**
 * The checks the CRD schema cannot make (or that a spec written before a schema change may have
 * slipped past). Each message names the field; an invalid spec changes nothing in the cluster.
 */
public final class SpecValidator {
    static final String RESERVED_PREFIX = "tradingswarm.io/";

    private SpecValidator() {
    }

    /** Checks a spec; {@code allowedHost} says which hosts HTTP probes may call (the operator's allow-list). */
    public static List<String> validate(SwarmReleaseSpec spec, Predicate<String> allowedHost) {
        List<String> errors = new ArrayList<>();
        if (spec == null || spec.bots == null || spec.bots.isEmpty()) {
            errors.add("spec.bots: at least one bot is required");
            return errors;
        }
        if (spec.strategy == null || (spec.strategy.canary == null) == (spec.strategy.blueGreen == null)) {
            errors.add("spec.strategy: set exactly one of canary, blueGreen");
            return errors;
        }
        if (spec.strategy.blueGreen != null) {
            BlueGreenChecks.validate(errors, spec);
        } else if (spec.strategy.canary.steps == null || spec.strategy.canary.steps.isEmpty()) {
            errors.add("spec.strategy.canary.steps: at least one step is required");
            return errors;
        }
        duration(errors, "spec.progressDeadline", spec.progressDeadline, false);
        if (spec.rollback != null) {
            duration(errors, "spec.rollback.scaleDownDelay", spec.rollback.scaleDownDelay, true);
        }
        for (int i = 0; i < spec.bots.size(); i++) {
            Bot bot = spec.bots.get(i);
            if (bot.template == null || bot.template.getSpec() == null || bot.template.getSpec().getContainers() == null
                    || bot.template.getSpec().getContainers().isEmpty()) {
                errors.add("spec.bots[" + i + "].template.spec.containers: at least one container is required");
            }
            if (bot.shards != null && bot.shardsFrom != null) {
                errors.add("spec.bots[" + i + "]: set at most one of shards, shardsFrom");
            }
            reservedLabels(errors, i, bot);
            tradingGateNames(errors, i, bot);
        }
        List<CanaryStep> steps = spec.strategy.canary == null ? List.of() : spec.strategy.canary.steps;
        for (int i = 0; i < steps.size(); i++) {
            CanaryStep step = steps.get(i);
            String field = "spec.strategy.canary.steps[" + i + "]";
            long kinds = Stream.of(step.setWeight, step.pause, step.analysis, step.setHeaderRoute, step.setCanaryScale)
                    .filter(Objects::nonNull).count();
            if (kinds != 1) {
                errors.add(field + ": set exactly one of setWeight, pause, analysis, setHeaderRoute, setCanaryScale");
            } else if (step.setHeaderRoute != null && spec.strategy.canary.trafficRouting == null) {
                errors.add(field + ": setHeaderRoute needs spec.strategy.canary.trafficRouting");
            } else if (step.setCanaryScale != null && spec.strategy.canary.trafficRouting == null
                    && spec.bots.stream().anyMatch(b -> b.service != null)) {
                errors.add(field + ": setCanaryScale needs spec.strategy.canary.trafficRouting, or bots without a service "
                        + "(their pods take no requests to split)");
            } else if (step.pause != null) {
                duration(errors, field + ".pause.duration", step.pause.duration, false);
            } else if (step.analysis != null) {
                duration(errors, field + ".analysis.duration", step.analysis.duration, false);
                probeNames(errors, field + ".analysis.probes", step.analysis.probes, spec);
            }
        }
        RoutingChecks.validate(errors, spec);
        probeNames(errors, "spec.backgroundProbes", spec.backgroundProbes, spec);
        ProbeChecks.validate(errors, spec, allowedHost);
        OperationChecks.validate(errors, spec);
        return errors;
    }

    static void probeNames(List<String> errors, String field, List<String> names, SwarmReleaseSpec spec) {
        if (names == null) {
            return;
        }
        Set<String> defined = spec.probes == null ? Set.of()
                : spec.probes.stream().map(p -> p.name).collect(Collectors.toSet());
        for (int i = 0; i < names.size(); i++) {
            if (!defined.contains(names.get(i))) {
                errors.add(field + "[" + i + "]: no probe named '" + names.get(i) + "' in spec.probes");
            }
        }
    }

    /** CEL cannot afford this check: a label map has no size bound, so its cost estimate exceeds the budget. */
    private static void reservedLabels(List<String> errors, int index, Bot bot) {
        if (bot.template != null && bot.template.getMetadata() != null && bot.template.getMetadata().getLabels() != null) {
            bot.template.getMetadata().getLabels().keySet().stream().filter(k -> k.startsWith(RESERVED_PREFIX)).sorted()
                    .forEach(k -> errors.add("spec.bots[" + index + "].template.metadata.labels: " + k
                            + " uses the prefix " + RESERVED_PREFIX + ", which the operator reserves"));
        }
    }

    /** The operator adds the trading gate's volume, mount and env var to every slot pod; the template may not claim them. */
    private static void tradingGateNames(List<String> errors, int index, Bot bot) {
        if (bot.template == null || bot.template.getSpec() == null) {
            return;
        }
        String field = "spec.bots[" + index + "].template.spec";
        var volumes = bot.template.getSpec().getVolumes() == null ? List.<io.fabric8.kubernetes.api.model.Volume>of()
                : bot.template.getSpec().getVolumes();
        for (int v = 0; v < volumes.size(); v++) {
            if (TradingGateObject.VOLUME.equals(volumes.get(v).getName())) {
                errors.add(field + ".volumes[" + v + "].name: " + TradingGateObject.VOLUME + " is reserved for the trading gate");
            }
        }
        var containers = bot.template.getSpec().getContainers() == null ? List.<io.fabric8.kubernetes.api.model.Container>of()
                : bot.template.getSpec().getContainers();
        for (int c = 0; c < containers.size(); c++) {
            var container = containers.get(c);
            var env = container.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of() : container.getEnv();
            for (int e = 0; e < env.size(); e++) {
                if (TradingGateObject.FILE_ENV.equals(env.get(e).getName())) {
                    errors.add(field + ".containers[" + c + "].env[" + e + "].name: " + TradingGateObject.FILE_ENV
                            + " is set by the operator (the trading gate file)");
                }
            }
            var mounts = container.getVolumeMounts() == null ? List.<io.fabric8.kubernetes.api.model.VolumeMount>of()
                    : container.getVolumeMounts();
            for (int m = 0; m < mounts.size(); m++) {
                if (TradingGateObject.MOUNT_PATH.equals(mounts.get(m).getMountPath())) {
                    errors.add(field + ".containers[" + c + "].volumeMounts[" + m + "].mountPath: " + TradingGateObject.MOUNT_PATH
                            + " is where the operator mounts the trading gate");
                }
            }
        }
    }

    static void duration(List<String> errors, String field, String value, boolean zeroAllowed) {
        try {
            if (value != null && Durations.parse(value, null).isZero() && !zeroAllowed) {
                errors.add(field + ": must be longer than 0s");
            }
        } catch (IllegalArgumentException e) {
            errors.add(field + ": " + e.getMessage());
        }
    }
}
