package io.tradingswarm.operator.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.e2e.LocalCluster;
import io.tradingswarm.operator.testing.AuditLogParts;

/**
 * make chaos (docs/development.md, "make chaos"): releases with probes and hooks run on the local
 * cluster, one after the other, while the operator is SIGKILLed at chosen moments, kube-apiserver is
 * restarted, and then the leader of two replicas is killed. Afterwards the invariants are judged
 * from the API server's audit log ({@link ChaosChecks}). Prints a table; exits 1 when an invariant broke.
 * Settings (system properties): kills, apiserverRestarts, leaderKills, releases, seed, auditLog, out.
 */
public final class ChaosRun {
    private static final Duration MOMENT_WAIT = Duration.ofSeconds(30);
    private static final Duration TAKEOVER_DEADLINE = Duration.ofSeconds(90);
    private static final Duration END_DEADLINE = Duration.ofSeconds(300);
    private static final String LEASE_NAMESPACE = "swarm-operator";
    private static final String LEASE = "swarm-operator";

    record Kill(Moment moment, boolean came, Instant at) {
    }

    private final KubernetesClient client = LocalCluster.client();
    private final Random random;
    private final Path out;
    private final List<Kill> kills = new ArrayList<>();
    private final List<Double> takeovers = new ArrayList<>();
    private int apiserverRestarts;

    private ChaosRun(long seed, Path out) {
        this.random = new Random(seed);
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.getLong("seed", new Random().nextLong());
        Path out = Path.of(System.getProperty("out", "target/chaos"));
        Files.createDirectories(out);
        System.out.println("[chaos] seed " + seed + " (-Dseed=" + seed + " draws the same versions and kill moments)");
        boolean held = false;
        try {
            held = new ChaosRun(seed, out).run(Integer.getInteger("kills", 100), Integer.getInteger("apiserverRestarts", 3),
                    Integer.getInteger("leaderKills", 5), Integer.getInteger("releases", 20), Path.of(System.getProperty("auditLog")));
        } catch (Exception e) {
            // The informers' and the kill loop's threads would keep the JVM, and make test, waiting.
            e.printStackTrace();
        }
        System.exit(held ? 0 : 1);
    }

    private boolean run(int killCount, int restartCount, int leaderKillCount, int releases, Path auditLog) throws Exception {
        Moments moments = new Moments();
        OperatorReplica first = new OperatorReplica("chaos-0", out.resolve("replica-0"));
        OperatorReplica second = new OperatorReplica("chaos-1", out.resolve("replica-1"));
        AtomicBoolean bumping = new AtomicBoolean(true);
        List<SwarmRelease> finalReleases;
        List<VersionProbe.Request> probeRequests;
        boolean ended;
        try {
            log("starting the operator (one replica; it installs the CRD)");
            first.start();
        } catch (Exception e) {
            first.stop();
            throw e;
        }
        try (VersionProbe probe = new VersionProbe(); Swarm swarm = new Swarm(client, probe, random, releases, moments)) {
            swarm.createAll();
            Thread bumper = new Thread(() -> {
                while (bumping.get()) {
                    swarm.bumpEnded();
                    sleep(Duration.ofSeconds(1));
                }
            }, "chaos-bumper");
            bumper.setDaemon(true);
            bumper.start();
            try {
                for (int i = 1; i <= killCount; i++) {
                    sleep(Duration.ofMillis(1000 + random.nextInt(3000)));
                    killAt(Moment.values()[i % Moment.values().length], first, moments);
                    sleep(Duration.ofMillis(random.nextInt(2000)));
                    first.start();
                    if (restartCount > 0 && i % Math.max(1, killCount / (restartCount + 1)) == 0 && apiserverRestarts < restartCount) {
                        restartApiserver();
                    }
                    if (i % 10 == 0) {
                        log(i + " of " + killCount + " kills, " + apiserverRestarts + " API server restarts");
                    }
                }
                if (leaderKillCount > 0) {
                    log("starting a second replica");
                    second.start();
                    for (int k = 1; k <= leaderKillCount; k++) {
                        sleep(Duration.ofMillis(3000 + random.nextInt(3000)));
                        killLeader(first, second);
                    }
                }
            } finally {
                bumping.set(false);
                bumper.join();
            }
            log("waiting for every run to end");
            ended = await(swarm::allEnded, END_DEADLINE);
            finalReleases = swarm.releases();
            probeRequests = probe.requests();
        } finally {
            first.stop();
            second.stop();
        }
        // The cluster, and its audit log, are gone after this run: keep the evidence beside the table.
        for (Path part : AuditLogParts.of(auditLog)) {
            Files.copy(part, out.resolve(part.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        AuditTrail trail = AuditTrail.read(auditLog);
        ChaosChecks checks = new ChaosChecks(trail, probeRequests, finalReleases);
        List<ChaosChecks.Check> results = checks.all();
        String table = table(trail, checks, results, finalReleases);
        System.out.println(table);
        Files.writeString(out.resolve("table.md"), table);
        if (!ended) {
            System.out.println("[chaos] not every run ended within " + END_DEADLINE.toSeconds() + " s of the last kill");
        }
        return ended && results.stream().allMatch(r -> r.violations().isEmpty());
    }

    private void killAt(Moment moment, OperatorReplica replica, Moments moments) throws InterruptedException {
        Runnable kill = () -> {
            try {
                replica.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        boolean came;
        if (moment == Moment.RANDOM) {
            sleep(Duration.ofMillis(500 + random.nextInt(5500)));
            kill.run();
            came = true;
        } else {
            came = moments.runAt(moment, MOMENT_WAIT, kill);
            if (!came) {
                kill.run();
            }
        }
        kills.add(new Kill(moment, came, Instant.now()));
    }

    private void restartApiserver() throws Exception {
        log("restarting kube-apiserver");
        Process p = new ProcessBuilder("hack/chaos/restart-apiserver.sh", Integer.toString(3 + random.nextInt(5))).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("hack/chaos/restart-apiserver.sh failed");
        }
        apiserverRestarts++;
    }

    /** Kills the replica holding the Lease, waits for the other to take it, then starts the killed one again. */
    private void killLeader(OperatorReplica a, OperatorReplica b) throws Exception {
        String holder = holder();
        OperatorReplica leader = a.identity.equals(holder) ? a : b.identity.equals(holder) ? b : null;
        if (leader == null) {
            throw new IllegalStateException("the Lease is held by " + holder + ", neither replica");
        }
        OperatorReplica standby = leader == a ? b : a;
        leader.kill();
        Instant killed = Instant.now();
        kills.add(new Kill(null, true, killed));
        if (!await(() -> standby.identity.equals(holder()), TAKEOVER_DEADLINE)) {
            throw new IllegalStateException(standby.identity + " did not take the Lease within " + TAKEOVER_DEADLINE.toSeconds() + " s");
        }
        takeovers.add(Duration.between(killed, Instant.now()).toMillis() / 1000.0);
        log("leader " + leader.identity + " killed; " + standby.identity + " took over in " + takeovers.get(takeovers.size() - 1) + " s");
        leader.start();
    }

    private String holder() {
        try {
            Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE).get();
            return lease == null ? null : lease.getSpec().getHolderIdentity();
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    private String table(AuditTrail trail, ChaosChecks checks, List<ChaosChecks.Check> results, List<SwarmRelease> releases) {
        StringBuilder t = new StringBuilder("\n| chaos | count |\n|---|---:|\n");
        Map<Moment, int[]> byMoment = new EnumMap<>(Moment.class);
        int afterSave = 0;
        int leaderKills = 0;
        for (Kill k : kills) {
            if (k.moment() == null) {
                leaderKills++;
                continue;
            }
            int[] counts = byMoment.computeIfAbsent(k.moment(), m -> new int[2]);
            counts[k.came() ? 0 : 1]++;
            AuditTrail.Request last = trail.lastWriteBefore(k.at());
            if (last != null && last.isStatusSave()) {
                afterSave++;
            }
        }
        t.append(row("operator SIGKILLs, one replica", kills.size() - leaderKills));
        byMoment.forEach((m, c) -> t.append(row("- " + m.description + (c[1] > 0 ? " (" + c[1] + " of them after "
                + MOMENT_WAIT.toSeconds() + " s without that moment)" : ""), c[0] + c[1])));
        t.append(row("- of all kills, the operator's last write before it was a status save", afterSave));
        t.append(row("kube-apiserver restarts", apiserverRestarts));
        t.append(row("leader SIGKILLs, two replicas" + (takeovers.isEmpty() ? "" : String.format(Locale.ROOT,
                " (the standby took the Lease in %.1f-%.1f s)", takeovers.stream().mapToDouble(d -> d).min().orElse(0),
                takeovers.stream().mapToDouble(d -> d).max().orElse(0))), leaderKills));
        List<ChaosChecks.Run> runs = checks.allRuns();
        t.append(row("runs (" + runs.stream().filter(r -> r.reached(Phase.Succeeded)).count() + " succeeded, "
                + runs.stream().filter(r -> r.reached(Phase.RolledBack)).count() + " rolled back; " + releases.size()
                + " releases)", runs.size()));
        t.append("\n| invariant | judged | held |\n|---|---|---|\n");
        for (ChaosChecks.Check c : results) {
            t.append("| ").append(c.invariant()).append(" | ").append(c.judged()).append(" | ")
                    .append(c.violations().isEmpty() ? "yes" : "**no: " + c.violations().size() + "**").append(" |\n");
        }
        for (ChaosChecks.Check c : results) {
            c.violations().stream().limit(10).forEach(v -> t.append("\n- ").append(c.invariant()).append(": ").append(v));
        }
        return t.append('\n').toString();
    }

    private static String row(String what, long count) {
        return "| " + what + " | " + count + " |\n";
    }

    static boolean await(BooleanSupplier condition, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(Duration.ofMillis(500));
        }
        return condition.getAsBoolean();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String message) {
        System.out.println("[chaos] " + Instant.now() + " " + message);
    }
}
