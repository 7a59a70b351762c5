package io.tradingswarm.operator.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.tradingswarm.operator.planner.RunId;
import io.tradingswarm.operator.api.CanaryStep;
import io.tradingswarm.operator.api.Phase;
import io.tradingswarm.operator.api.SwarmRelease;
import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.planner.Action;
import io.tradingswarm.operator.planner.HookJob;
import io.tradingswarm.operator.planner.ProbeResult;
import io.tradingswarm.operator.reconciler.ClusterView;
import io.tradingswarm.operator.reconciler.Decision;

/**
 * One random history, all of it drawn from one seed: the first release settles, then a chaotic
 * stretch (spec edits, actions, hand edits, restarts, stale caches, clock jumps), then a calm one
 * in which the run must end. Each tick is one reconcile through the real Decider, its decision
 * carried out on the model cluster, and every invariant checked.
 */
final class History {
    /** A Monday, 09:00 UTC: inside the generated release windows, with weekends and nights a jump away. */
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    /** How long and how big a history is. */
    record Shape(SpecFactory.Size size, int minChaos, int maxChaos, int calmTicks) {
        static final Shape SMALL = new Shape(SpecFactory.Size.SMALL, 4, 14, 120);
        static final Shape LIMITS = new Shape(SpecFactory.Size.LIMITS, 10, 20, 600);
    }

    private final Shape shape;
    private final Random random;
    private final Trace trace = new Trace();
    private final ModelCluster cluster;
    private final ReleaseAuthor author;
    private final ModelProbes probes;
    private final OperatorProcess operator = new OperatorProcess();
    private final Invariants invariants = new Invariants();
    private final Map<String, Long> touchedAt = new HashMap<>();
    private Instant now = START;
    private Decision last;
    private boolean restarted;

    /** Every decision as text, kept only when this history is compared with a twin (I8). */
    private final List<String> decisions;
    /** The reconcile at which a restart is ignored (the twin that did not restart), or 0. */
    private final long ignoredRestart;
    /** Reconciles right after a restart that lost nothing (no uncounted result, no measurement under way). */
    private final List<Long> cleanRestarts = new java.util.ArrayList<>();

    History(long seed, Shape shape) {
        this(seed, shape, false, 0);
    }

    /** Images whose pods never become ready. */
    private final Set<String> brokenImages;

    private History(long seed, Shape shape, boolean recordDecisions, long ignoredRestart) {
        this.decisions = recordDecisions ? new java.util.ArrayList<>() : null;
        this.ignoredRestart = ignoredRestart;
        this.shape = shape;
        this.random = new Random(seed);
        brokenImages = new HashSet<>();
        PodFactory pods = new PodFactory(random, brokenImages);
        this.cluster = new ModelCluster(ReleaseAuthor.NAME, random, pods);
        this.author = new ReleaseAuthor(random, new SpecFactory(random, shape.size()), brokenImages);
        this.probes = new ModelProbes(random);
    }

    /**
     * Plays the history of {@code seed} and returns how many reconciles it took; a broken rule fails
     * with the seed, how to replay it and the trace.
     */
    static long play(long seed, Shape shape) {
        boolean twin = Math.floorMod(seed, 10) == 0;
        History h = new History(seed, shape, twin, 0);
        try {
            h.play();
            if (twin && !h.cleanRestarts.isEmpty()) {
                h.sameAsATwinThatDidNotRestart(seed, h.cleanRestarts.get(0));
            }
            return h.cluster.tick;
        } catch (AssertionError | RuntimeException e) {
            throw new HistoryFailed(seed, h.cluster.tick, e, h.trace.render());
        }
    }

    /**
     * I8: the same history with the restart at {@code restartedAt} ignored (memory kept, caches
     * fresh) makes exactly the same decisions: a restart that lost nothing changes nothing.
     */
    private void sameAsATwinThatDidNotRestart(long seed, long restartedAt) {
        History twin = new History(seed, shape, true, restartedAt);
        twin.play();
        for (int i = 0; i < Math.max(decisions.size(), twin.decisions.size()); i++) {
            String restarted = i < decisions.size() ? decisions.get(i) : "(history over)";
            String uninterrupted = i < twin.decisions.size() ? twin.decisions.get(i) : "(history over)";
            if (!restarted.equals(uninterrupted)) {
                throw new Violation("I8", "after the restart before t" + restartedAt + " the decision of t" + (i + 1)
                        + " differs from a twin that did not restart:\n  restarted: " + restarted + "\n  twin: " + uninterrupted);
            }
        }
    }

    private void play() {
        trace.happened("first release of " + author.spec().bots.size() + " bots, strategy "
                + (author.spec().strategy.blueGreen != null ? "blueGreen" : "canary"));
        for (int i = 0; i < 20 && !terminal(author.status()); i++) {
            tick(false);
        }
        trace.happened(author.newVersion());
        int chaos = shape.minChaos() + random.nextInt(shape.maxChaos() - shape.minChaos() + 1);
        for (int i = 0; i < chaos; i++) {
            tick(true);
        }
        calm();
    }

    /** No more edits, hands or restarts; pods become ready and probes pass: the run must end in bounded time. */
    private void calm() {
        trace.happened("calm from here: no edits, hands or restarts; pods become ready, probes pass");
        if (author.specInvalid()) {
            trace.happened(author.fixSpec());
        }
        if (Boolean.TRUE.equals(author.spec().paused)) {
            trace.happened(author.togglePaused());
        }
        cluster.pods.calmDown();
        probes.calmDown();
        int settled = 0;
        for (int i = 0; i < shape.calmTicks(); i++) {
            resumeIfHalted();
            promoteIfWaitingForAHuman();
            tick(false);
            if (terminal(author.status()) && ++settled >= 2) {
                return;
            }
        }
        SwarmReleaseStatus s = author.status();
        if (s.phase == Phase.RollingBack && stableNeverReady(s) && !RoutedTraffic.strict("G5")) {
            return; // known gap G5: a rollback waits for a stable version whose pods never become ready
        }
        throw new Violation("I5", "no terminal phase after " + shape.calmTicks() + " calm ticks: phase " + s.phase + ", " + s.message);
    }

    /** The stable version's own pods never become ready (a broken version promoted at 0 replicas, resized later). */
    private boolean stableNeverReady(SwarmReleaseStatus s) {
        return author.spec().bots.stream().anyMatch(b -> brokenImages.contains(SpecFactory.image(b.name, s.stableVersion)));
    }

    private static boolean terminal(SwarmReleaseStatus s) {
        return s != null && (s.phase == Phase.Succeeded || s.phase == Phase.RolledBack || s.phase == Phase.Degraded);
    }

    /** Outside the chaos the window is open: a closed one is waited out in one step. */
    private void waitForTheReleaseWindow() {
        Instant open = ReleaseWindowClock.nextOpen(author.spec().window, now);
        if (open.isAfter(now)) {
            trace.happened("the clock moves to the next release window, " + open);
            now = open;
        }
    }

    /** The desk lifts an emergency halt once things are calm (a halt never ends by itself). */
    private void resumeIfHalted() {
        SwarmReleaseStatus s = author.status();
        if (s != null && s.halt != null && author.pendingAction() == null) {
            trace.happened(author.ask("resume"));
        }
    }

    private void promoteIfWaitingForAHuman() {
        SwarmReleaseStatus s = author.status();
        if (s == null || s.phase != Phase.Paused || author.pendingAction() != null || s.currentStep == null) {
            return;
        }
        var spec = author.spec();
        boolean gate = spec.strategy.blueGreen != null && s.currentStep == 2 && Boolean.FALSE.equals(spec.strategy.blueGreen.autoPromote);
        List<CanaryStep> steps = spec.strategy.canary == null ? List.of() : spec.strategy.canary.steps;
        boolean pause = s.currentStep < steps.size() && steps.get(s.currentStep).pause != null
                && steps.get(s.currentStep).pause.duration == null;
        if (gate || pause) {
            trace.happened(author.ask("promote"));
        }
    }

    // ---- one reconcile ----

    private void tick(boolean chaos) {
        boolean freshCaches = restarted;
        restarted = false;
        if (chaos) {
            happen();
        }
        GitRoutes.sync(cluster, author.spec()).forEach(r -> trace.happened("Argo CD syncs the user's route " + r + " from Git"));
        advanceClock(chaos);
        if (!chaos) {
            waitForTheReleaseWindow();
        }
        cluster.tick++;
        cluster.runControllers(chaos);
        operator.landed(probes.land(cluster.tick, now));
        boolean staleDrawn = random.nextInt(100) < 25;
        boolean stale = chaos && !restarted && !freshCaches && staleDrawn;
        ClusterView view = operator.caches(cluster, stale);
        SwarmRelease release = author.release();
        boolean valid = !author.specInvalid();
        List<ProbeResult> landed = operator.inbox();
        Action action = author.pendingAction();
        Decision d = operator.decide(release, view, landed, action, now);
        if (restarted || random.nextInt(100) < 3) {
            sameAsAFreshOperator(d, view, landed, action);
        }
        if (decisions != null) {
            decisions.add(DecisionText.of(d));
        }
        String saved = author.save(d.status());
        operator.counted(landed);
        TickFacts facts = new TickFacts(cluster.tick, now, release.getSpec(), valid, release.getMetadata().getGeneration(),
                release.getStatus(), author.status(), saved, d, landed, action, stale, touchedBots());
        Invariants.BeforeWrites check = invariants.beforeWrites(cluster, facts);
        d.writes().forEach(cluster::execute);
        operator.wrote(d.writes());
        trace.decided(cluster.tick, now, stale, d);
        for (HookJob job : d.hookJobs()) {
            if (cluster.createJob(job)) {
                invariants.hookCreated(facts, job);
            }
        }
        if (!d.probesDue().isEmpty()) {
            probes.launch(d.probesDue(), RunId.of(facts.after()), facts.after().version, cluster.tick, now);
        }
        check.afterWrites(cluster, cluster.settling() || probes.underWay() || author.pendingAction() != null);
        last = d;
    }

    /** I8: a fresh operator (new Decider, nothing in memory) decides exactly as the long-lived one on the same inputs. */
    private void sameAsAFreshOperator(Decision d, ClusterView view, List<ProbeResult> landed, Action action) {
        Decision fresh = OperatorProcess.newDecider().decide(author.release(), view, List::of, landed, action, now);
        String expected = DecisionText.of(d);
        String actual = DecisionText.of(fresh);
        if (!expected.equals(actual)) {
            throw new Violation("I8", "a fresh operator decides differently on the same inputs:\n  long-lived: " + expected
                    + "\n  fresh: " + actual);
        }
    }

    private Set<String> touchedBots() {
        Set<String> bots = new HashSet<>();
        touchedAt.forEach((bot, at) -> {
            if (cluster.tick - at <= 2) {
                bots.add(bot);
            }
        });
        return bots;
    }

    // ---- the world ----

    private void happen() {
        if (random.nextInt(100) < 12) {
            trace.happened(author.randomEdit());
        }
        if (random.nextInt(100) < 8) {
            trace.happened(author.randomAction());
        }
        if (random.nextInt(100) < 6) {
            handEdit();
        }
        if (random.nextInt(100) < 4) {
            restart();
        }
    }

    private void restart() {
        restarted = true;
        if (cluster.tick + 1 == ignoredRestart) {
            trace.happened("operator restart ignored: this is the twin that keeps its memory (caches fresh)");
            return;
        }
        if (operator.inbox().isEmpty() && !probes.underWay()) {
            cleanRestarts.add(cluster.tick + 1);
        }
        operator.restart();
        probes.lostInRestart();
        trace.happened("operator restarted: uncounted results, measurements under way and caches lost");
    }

    private void handEdit() {
        List<String> routes = cluster.routeNames();
        if (!routes.isEmpty() && random.nextInt(100) < 30) {
            routeByHand(routes.get(random.nextInt(routes.size())));
            return;
        }
        int r = random.nextInt(100);
        List<String> deployments = cluster.deploymentNames();
        List<String> services = cluster.serviceNames();
        List<String> jobs = cluster.jobNames();
        if (r < 40 && !deployments.isEmpty()) {
            String name = deployments.get(random.nextInt(deployments.size()));
            cluster.deleteDeploymentByHand(name);
            touched(name.substring(0, name.length() - 2), "hand: kubectl delete deployment " + name);
        } else if (r < 70 && !deployments.isEmpty()) {
            String name = deployments.get(random.nextInt(deployments.size()));
            int replicas = random.nextInt(4);
            cluster.scaleByHand(name, replicas);
            touched(name.substring(0, name.length() - 2), "hand: kubectl scale deployment " + name + " --replicas=" + replicas);
        } else if (r < 90 && !services.isEmpty()) {
            String name = services.get(random.nextInt(services.size()));
            String bot = cluster.botOfService(name);
            cluster.deleteServiceByHand(name);
            touched(bot, "hand: kubectl delete service " + name);
        } else if (!jobs.isEmpty()) {
            String name = jobs.get(random.nextInt(jobs.size()));
            cluster.deleteJobByHand(name);
            trace.happened("hand: kubectl delete job " + name);
        }
    }

    /** A route deleted (Argo CD re-creates a user's route from Git at once) or its weights edited. */
    private void routeByHand(String name) {
        ModelRoute route = cluster.routes.get(name);
        String bot = route.bot() != null ? route.bot() : author.spec().bots.stream()
                .filter(b -> GitRoutes.of(author.spec()) != null && GitRoutes.name(GitRoutes.of(author.spec()), b.name).equals(name))
                .map(b -> b.name).findFirst().orElse(name);
        String kind = route.kind.toLowerCase(java.util.Locale.ROOT);
        if (random.nextBoolean()) {
            cluster.deleteRouteByHand(name);
            touched(bot, "hand: kubectl delete " + kind + " " + name);
            return;
        }
        RouteRules.Rule plain = route.rules().plain();
        List<String> backends = plain == null ? List.of() : List.copyOf(plain.weights().keySet());
        if (backends.isEmpty()) {
            return;
        }
        Map<String, Integer> weights = new java.util.LinkedHashMap<>();
        int favourite = random.nextInt(backends.size());
        int split = random.nextInt(3);
        for (int i = 0; i < backends.size(); i++) {
            weights.put(backends.get(i), split == 0 ? (i == favourite ? 100 : 0) : split == 1 ? 50 : random.nextInt(101));
        }
        cluster.editRouteWeightsByHand(name, weights);
        touched(bot, "hand: kubectl edit " + kind + " " + name + ": weights " + weights);
    }

    private void touched(String bot, String what) {
        touchedAt.put(bot, cluster.tick + 1);
        trace.happened(what);
    }

    /**
     * Reconciles happen when something changes (a pod becomes ready, a Job finishes, a measurement
     * lands) or at the decision's wake-up, whichever comes first; a chaotic stretch also ticks at
     * random moments and sometimes jumps hours or days (across release-window edges).
     */
    private void advanceClock(boolean chaos) {
        Duration wake = last == null ? null : last.wakeUpAfter().orElse(null);
        Duration busy = cluster.settling() || probes.underWay() ? Duration.ofSeconds(chaos ? 1 + random.nextInt(10) : 10) : null;
        Duration next = wake == null ? busy : busy == null || wake.compareTo(busy) < 0 ? wake : busy;
        int r = random.nextInt(100);
        Duration step;
        if (!chaos || r < 45 && next != null) {
            step = next == null ? Duration.ofSeconds(30) : next;
        } else if (r < 93) {
            step = Duration.ofSeconds(1 + random.nextInt(30));
        } else {
            step = Duration.ofMinutes(60 + random.nextInt(60 * 60));
            trace.happened("the clock jumps " + step);
        }
        now = now.plus(step.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : step);
    }

}
