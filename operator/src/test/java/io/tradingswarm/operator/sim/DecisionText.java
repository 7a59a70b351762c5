package io.tradingswarm.operator.sim;

import java.util.stream.Collectors;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.tradingswarm.operator.dependent.Write;
import io.tradingswarm.operator.reconciler.Decision;

/** A decision as comparable text: status and every object written, as JSON. */
final class DecisionText {
    private DecisionText() {
    }

    static String of(Decision d) {
        return Serialization.asJson(d.status()) + "\nevents " + d.events()
                + "\nwrites " + d.writes().stream().map(DecisionText::write).collect(Collectors.joining("\n"))
                + "\nhooks " + d.hookJobs().stream().map(h -> h.name() + "/" + h.stage() + "/" + h.hook()).toList()
                + "\nprobes " + d.probesDue() + "\nwake " + d.wakeUpAfter();
    }

    private static String write(Write w) {
        return w instanceof Write.Apply a ? "apply " + Serialization.asJson(a.object()) : w.toString();
    }
}
