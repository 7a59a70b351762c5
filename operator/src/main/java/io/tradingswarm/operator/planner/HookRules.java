package io.tradingswarm.operator.planner;

import java.util.List;
import java.util.Locale;

import io.tradingswarm.operator.api.Hook;
import io.tradingswarm.operator.api.HookStatus;

/**
 * Runs a stage's hook Jobs one after the other. A Job's name is derived from the run, so each run
 * gets its own Jobs and a restarted operator finds the one it started instead of running it again.
 */
final class HookRules {
    static final String PRE = "preRollout";
    static final String POST = "postRollout";
    static final String ON_ROLLBACK = "onRollback";

    enum Outcome { Done, Running, Failed }

    /** How long a requested Job may take to show in the cache before it counts as gone. */
    static final java.time.Duration APPEARS_WITHIN = java.time.Duration.ofSeconds(30);

    private HookRules() {
    }

    /** Advances the stage by at most one Job; on failure {@code failed} names the hook and why. */
    static Outcome run(Tick t, String stage, List<Hook> hooks) {
        if (hooks == null) {
            return Outcome.Done;
        }
        for (Hook hook : hooks) {
            String job = jobName(t, stage, hook.name);
            HookStatus s = statusOf(t, stage, hook.name, job);
            if ("Succeeded".equals(s.phase)) {
                continue;
            }
            if ("Failed".equals(s.phase)) {
                return Outcome.Failed;
            }
            JobState state = t.observed.jobs().get(job);
            if (state == null) {
                return missing(t, stage, hook, s);
            }
            s.seen = true;
            if (!state.finished()) {
                t.status.message = "running " + stage + " hook " + hook.name + " (job " + job + ")";
                return Outcome.Running;
            }
            s.phase = state.succeeded() ? "Succeeded" : "Failed";
            s.message = state.message();
            if (!state.succeeded()) {
                t.emit(EventReason.HookFailed, failure(t, stage));
                return Outcome.Failed;
            }
            t.emit(EventReason.HookSucceeded, stage + " hook " + hook.name + " succeeded");
        }
        return Outcome.Done;
    }

    /**
     * A hook Job not in the cache: asked for now if it never was; otherwise it may still be on its way
     * into the cache, until it was seen or {@link #APPEARS_WITHIN} passed, after which it is gone and
     * the hook fails rather than run twice.
     */
    private static Outcome missing(Tick t, String stage, Hook hook, HookStatus s) {
        if (s.requestedAt == null) {
            s.requestedAt = t.now.toString();
            t.requestHook(new HookJob(s.job, stage, hook.name, hook.job));
        } else if (Boolean.TRUE.equals(s.seen) || !t.now.isBefore(t.instant(s.requestedAt).plus(APPEARS_WITHIN))) {
            s.phase = "Failed";
            s.message = "job " + s.job + " disappeared before it finished; a hook is never run twice";
            t.emit(EventReason.HookFailed, failure(t, stage));
            return Outcome.Failed;
        } else {
            t.wakeAt(t.instant(s.requestedAt).plus(APPEARS_WITHIN));
        }
        t.status.message = "running " + stage + " hook " + hook.name + " (job " + s.job + ")";
        return Outcome.Running;
    }

    /** Every hook of the stage has run to an end in this run, successfully or not. */
    static boolean finished(Tick t, String stage, List<Hook> hooks) {
        return hooks == null || hooks.stream().allMatch(h -> t.status.hooks.stream().anyMatch(s -> s.stage.equals(stage)
                && s.name.equals(h.name) && ("Succeeded".equals(s.phase) || "Failed".equals(s.phase))));
    }

    /** The first failed hook of a stage, as "hook X failed: why". */
    static String failure(Tick t, String stage) {
        return t.status.hooks.stream().filter(h -> h.stage.equals(stage) && "Failed".equals(h.phase)).findFirst()
                .map(h -> stage + " hook " + h.name + " failed: " + h.message).orElse(stage + " hook failed");
    }

    static String jobName(Tick t, String stage, String hook) {
        String run = Long.toString(t.instant(t.status.runStartedAt).getEpochSecond(), 36);
        String prefix = (t.observed.release() + "-" + shortStage(stage) + "-" + hook).toLowerCase(Locale.ROOT);
        String suffix = "-" + run;
        return JobNames.fit(prefix, suffix);
    }

    private static String shortStage(String stage) {
        return switch (stage) {
            case PRE -> "pre";
            case POST -> "post";
            default -> "rollback";
        };
    }

    private static HookStatus statusOf(Tick t, String stage, String hook, String job) {
        return t.status.hooks.stream().filter(h -> h.stage.equals(stage) && h.name.equals(hook)).findFirst().orElseGet(() -> {
            HookStatus s = new HookStatus();
            s.stage = stage;
            s.name = hook;
            s.job = job;
            s.phase = "Running";
            t.status.hooks.add(s);
            return s;
        });
    }
}
