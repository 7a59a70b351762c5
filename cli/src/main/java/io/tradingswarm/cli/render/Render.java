package io.tradingswarm.cli.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;

import io.tradingswarm.cli.view.Ages;
import io.tradingswarm.cli.view.ReleaseView;
import io.tradingswarm.cli.view.ReleaseView.BotView;
import io.tradingswarm.cli.view.ReleaseView.HistoryView;
import io.tradingswarm.cli.view.ReleaseView.ProbeView;
import io.tradingswarm.cli.view.ReleaseView.SlotView;
import io.tradingswarm.cli.view.ReleaseView.StepView;

/** The text the commands print: plain text, no colours, one trailing newline. */
public final class Render {
    /** What an absent value looks like. */
    public static final String NONE = "-";

    private Render() {
    }

    /** {@code kubectl get srel}'s columns plus ROLLBACK (the last rollback's seconds). */
    public static String list(List<ReleaseView> releases, boolean allNamespaces, Instant now) {
        Table t = allNamespaces
                ? new Table("NAMESPACE", "NAME", "VERSION", "STABLE", "PHASE", "STRATEGY", "STEP", "WEIGHT", "ROLLBACK", "AGE")
                : new Table("NAME", "VERSION", "STABLE", "PHASE", "STRATEGY", "STEP", "WEIGHT", "ROLLBACK", "AGE");
        for (ReleaseView r : releases) {
            String rollback = r.lastRollback() == null || r.lastRollback().seconds() == null ? ""
                    : Ages.seconds(r.lastRollback().seconds());
            Object[] cells = {r.name(), r.version(), r.stableVersion(), r.phase(), r.strategy(), r.step(), r.weight(),
                    rollback, r.age(now)};
            if (allNamespaces) {
                Object[] withNs = new Object[cells.length + 1];
                withNs[0] = r.namespace();
                System.arraycopy(cells, 0, withNs, 1, cells.length);
                cells = withNs;
            }
            t.row(cells);
        }
        return t.render();
    }

    /** The tree of {@code get}: summary, bots and their slots, steps, probes, last rollback, history. */
    public static String tree(ReleaseView r, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("Name:        ").append(r.name()).append('\n');
        out.append("Namespace:   ").append(r.namespace()).append('\n');
        out.append("Phase:       ").append(or(r.phase(), "(no status yet)"))
                .append(r.paused() ? "  (spec.paused: true)" : "").append('\n');
        out.append("Strategy:    ").append(or(r.strategy(), NONE));
        if (r.step() != null) {
            out.append("  step ").append(r.step());
        }
        if (r.weight() != null) {
            out.append("  weight ").append(r.weight()).append('%');
        }
        out.append('\n');
        out.append("Version:     ").append(or(r.version(), NONE)).append("  (stable ").append(or(r.stableVersion(), NONE))
                .append(")\n");
        if (r.message() != null && !r.message().isEmpty()) {
            out.append("Message:     ").append(r.message()).append('\n');
        }
        if (r.lastAction() != null) {
            var a = r.lastAction();
            out.append("Last action: ").append(or(a.action(), NONE)).append(' ').append(or(a.result(), ""));
            if (a.message() != null && !a.message().isEmpty()) {
                out.append(": ").append(a.message());
            }
            out.append('\n');
        }
        out.append("Age:         ").append(r.age(now)).append('\n');

        out.append('\n');
        Table bots = new Table("BOT/SLOT", "ROLE", "VERSION", "READY", "TRADING");
        if (r.bots().isEmpty()) {
            bots.row("(no bots)");
        }
        for (BotView b : r.bots()) {
            bots.row(b.name() + (b.replicas() == null ? " (not in spec)" : " (" + b.replicas() + " replicas)"));
            if (b.slots().isEmpty()) {
                bots.row("└── (no slot Deployments yet)");
            }
            for (int i = 0; i < b.slots().size(); i++) {
                SlotView s = b.slots().get(i);
                String branch = i == b.slots().size() - 1 ? "└── " : "├── ";
                bots.row(branch + s.deployment(), s.role().label(), or(s.version(), NONE), s.ready() + "/" + s.desired(),
                        or(s.tradingState(), NONE));
            }
        }
        out.append(bots.render());

        out.append('\n');
        out.append("STEPS").append(r.step() == null ? "" : " (" + r.step() + ")").append('\n');
        if (r.steps().isEmpty()) {
            out.append("  (none)\n");
        }
        for (StepView s : r.steps()) {
            String mark = switch (s.state()) {
                case DONE -> "✓";
                case CURRENT -> "▶";
                case PENDING -> " ";
            };
            out.append(' ').append(mark).append(' ').append(s.number()).append(". ").append(s.text());
            if (s.state() == ReleaseView.StepState.CURRENT) {
                out.append("   <- current");
            }
            out.append('\n');
        }

        out.append('\n');
        if (r.probes().isEmpty()) {
            out.append("PROBES\n  (none in this run)\n");
        } else {
            Table probes = new Table("PROBE", "PHASE", "VERDICT", "LAST", "PASS", "FAIL", "ERRORS", "MESSAGE");
            for (ProbeView p : r.probes()) {
                probes.row(p.name() + (p.dryRun() ? " (dry run)" : ""), or(p.phase(), NONE), or(p.lastVerdict(), NONE),
                        number(p.lastValue()), p.successes(), p.failures(), p.errors(), or(p.message(), ""));
            }
            out.append(probes.render());
        }

        out.append('\n');
        out.append("LAST ROLLBACK\n");
        var rb = r.lastRollback();
        if (rb == null) {
            out.append("  (none)\n");
        } else {
            out.append("  ").append(or(rb.reason(), "Rollback"));
            if (rb.probe() != null) {
                out.append(" (probe ").append(rb.probe()).append(')');
            }
            out.append(rb.seconds() == null ? ", traffic not restored yet" : ", traffic restored in " + Ages.seconds(rb.seconds()));
            if (rb.message() != null && !rb.message().isEmpty()) {
                out.append(": ").append(rb.message());
            }
            out.append('\n');
        }

        out.append('\n');
        out.append("HISTORY\n");
        if (r.history().isEmpty()) {
            out.append("  (no finished runs)\n");
        } else {
            out.append(history(r.history(), "  "));
        }
        return out.toString();
    }

    /** Every finished run, newest first: version, revision, result, start, duration and reason. */
    public static String history(List<HistoryView> runs, String indent) {
        Table t = Table.indented(indent, "VERSION", "REVISION", "RESULT", "STARTED", "DURATION", "REASON");
        for (HistoryView h : runs) {
            t.row(or(h.version(), NONE), or(h.revision(), NONE), or(h.result(), NONE),
                    h.started() == null ? NONE : h.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), Ages.run(h.duration()), or(h.reason(), ""));
        }
        return t.render();
    }

    /** A probe value: at most 4 significant digits, no exponent, no trailing zeros. */
    public static String number(Double v) {
        if (v == null) {
            return NONE;
        }
        if (v.isNaN() || v.isInfinite()) {
            return v.toString();
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String or(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
