package io.tradingswarm.operator.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tradingswarm.operator.api.Durations;
import io.tradingswarm.operator.api.HttpProbe;
import io.tradingswarm.operator.api.PrometheusProbe;
import io.tradingswarm.operator.api.ProbeSpec;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.dependent.Labels;
import io.tradingswarm.operator.dependent.Owner;
import io.tradingswarm.operator.planner.JobNames;
import io.tradingswarm.operator.planner.Slot;

/**
 * Takes one measurement of a probe for a release: fills in the placeholders, reads credentials,
 * and asks the provider. A probe that mentions {{bot}} is measured for every bot, and the drain probe
 * that mentions {{drainingVersion}} for every version that stopped trading; the worst verdict counts,
 * so one bot's failure fails the swarm.
 */
public final class Measurer {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private final KubernetesClient client;
    private final ProbeProvider<PrometheusProbe> prometheus;
    private final ProbeProvider<HttpProbe> http;
    private final JobProvider jobs;

    public Measurer(KubernetesClient client, ProbeProvider<PrometheusProbe> prometheus, ProbeProvider<HttpProbe> http) {
        this.client = client;
        this.prometheus = prometheus;
        this.http = http;
        this.jobs = new JobProvider(client);
    }

    /** @param attempt how many measurements of this probe the run has counted: names the smoke-test Job */
    public Measurement measure(SwarmRelease release, ProbeSpec probe, int attempt) {
        Duration timeout = Durations.parse(probe.timeout, DEFAULT_TIMEOUT);
        String revision = release.getStatus().revision;
        ProbeTarget target;
        try {
            target = new ProbeTarget(release.getMetadata().getNamespace(), release.getMetadata().getName(), revision,
                    probe.name, secrets(release, probe));
        } catch (IllegalStateException e) {
            return Measurement.error(e.getMessage());
        }
        if (probe.job != null) {
            return jobs.measure(jobRun(release, probe, attempt), target, timeout);
        }
        List<Measurement> each = new ArrayList<>();
        for (String bot : fanOut(probe, "bot", release.getSpec().bots.stream().map(b -> b.name).toList())) {
            for (String draining : fanOut(probe, Placeholders.DRAINING_VERSION, drainingVersions(release))) {
                Map<String, String> values = values(release, bot);
                values.put(Placeholders.DRAINING_VERSION, draining == null ? "" : draining);
                Measurement m = probe.prometheus != null ? prometheus.measure(filled(probe.prometheus, values), target, timeout)
                        : http.measure(filled(probe.http, values), target, timeout);
                String about = (bot == null ? "" : "bot " + bot + ": ") + (draining == null ? "" : "version " + draining + ": ");
                each.add(about.isEmpty() ? m : new Measurement(m.verdict(), m.value(), about + m.message()));
            }
        }
        return each.stream().max((a, b) -> Integer.compare(severity(a), severity(b))).orElseThrow();
    }

    /** The measurements of this probe the window has counted: they name its smoke-test Jobs. */
    public static int attempts(SwarmRelease release, String probe) {
        var s = release.getStatus();
        if (isDrainProbe(release, probe)) {
            return s.drain == null || s.drain.probe == null ? 0 : s.drain.probe.measurements;
        }
        return s.probes.stream().filter(p -> p.name.equals(probe)).findFirst()
                .map(p -> p.successes + p.failures + p.errors).orElse(0);
    }

    /**
     * A probe whose strings name {@code placeholder} is measured once per value (at least once, with
     * none when there are no values); the others once, with null.
     */
    private static List<String> fanOut(ProbeSpec probe, String placeholder, List<String> values) {
        boolean uses = probe.prometheus != null
                ? Placeholders.uses(probe.prometheus.query, placeholder) || Placeholders.uses(probe.prometheus.address, placeholder)
                : Placeholders.uses(probe.http.url, placeholder);
        List<String> each = new ArrayList<>();
        if (uses && !values.isEmpty()) {
            each.addAll(values);
        } else {
            each.add(uses ? "" : null);
        }
        return each;
    }

    private static List<String> drainingVersions(SwarmRelease release) {
        var drain = release.getStatus().drain;
        return drain == null || drain.versions == null ? List.of() : drain.versions;
    }

    private static boolean isDrainProbe(SwarmRelease release, String probe) {
        var trading = release.getSpec().trading;
        return trading != null && probe.equals(trading.drainProbe);
    }

    private static int severity(Measurement m) {
        return switch (m.verdict()) {
            case Pass -> 0;
            case NoData -> 1;
            case Error -> 2;
            case Fail -> 3;
        };
    }

    static Map<String, String> values(SwarmRelease release, String bot) {
        var s = release.getStatus();
        Slot stable = Slot.parse(s.stableSlot);
        Map<String, String> values = new HashMap<>();
        values.put("version", release.getSpec().version);
        values.put("stableVersion", s.stableVersion == null ? "" : s.stableVersion);
        values.put("namespace", release.getMetadata().getNamespace());
        values.put("release", release.getMetadata().getName());
        values.put("stableSlot", stable.name());
        values.put("slot", stable.other().name());
        values.put("bot", bot == null ? "" : bot);
        return values;
    }

    private static PrometheusProbe filled(PrometheusProbe p, Map<String, String> values) {
        PrometheusProbe f = new PrometheusProbe();
        f.address = Placeholders.fill(p.address, values);
        f.query = Placeholders.fill(p.query, values);
        f.min = p.min;
        f.max = p.max;
        f.auth = p.auth;
        return f;
    }

    private static HttpProbe filled(HttpProbe p, Map<String, String> values) {
        HttpProbe f = new HttpProbe();
        f.url = Placeholders.fill(p.url, values);
        f.expectStatus = p.expectStatus;
        return f;
    }

    /**
     * Each measurement of each window of each run has its own Job: the name carries a hash of the run
     * (revision and start) and of the window (the step, or the drain), then the measurement count of the window.
     */
    private JobProvider.JobRun jobRun(SwarmRelease release, ProbeSpec probe, int attempt) {
        var s = release.getStatus();
        String run = JobNames.hash(s.revision + "/" + s.runStartedAt);
        String window = isDrainProbe(release, probe.name) && s.drain != null
                ? JobNames.hash(run + "/drain@" + s.drain.startedAt) : JobNames.hash(run + "/" + s.currentStep);
        String name = JobNames.fit(release.getMetadata().getName() + "-" + probe.name, "-" + window + "-" + attempt);
        Map<String, String> labels = Map.of(Labels.RELEASE, release.getMetadata().getName(),
                JobProvider.PROBE_LABEL, probe.name, JobProvider.RUN_LABEL, run, JobProvider.WINDOW_LABEL, window,
                Labels.MANAGED_BY, Labels.OPERATOR);
        return new JobProvider.JobRun(name, probe.job.template, Owner.of(release), labels);
    }

    private Map<String, String> secrets(SwarmRelease release, ProbeSpec probe) {
        Map<String, String> values = new HashMap<>();
        if (probe.prometheus == null || probe.prometheus.auth == null) {
            return values;
        }
        var auth = probe.prometheus.auth;
        String ns = release.getMetadata().getNamespace();
        put(values, "bearerToken", ns, auth.bearerToken);
        put(values, "username", ns, auth.username);
        put(values, "password", ns, auth.password);
        return values;
    }

    private void put(Map<String, String> values, String purpose, String namespace, SecretKeySelector ref) {
        if (ref == null) {
            return;
        }
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("cannot read Secret " + ref.getName() + ": " + e.getStatus().getReason());
        }
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(ref.getKey())) {
            throw new IllegalStateException("Secret " + ref.getName() + " has no key " + ref.getKey());
        }
        values.put(purpose, new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())),
                StandardCharsets.UTF_8).trim());
    }
}
