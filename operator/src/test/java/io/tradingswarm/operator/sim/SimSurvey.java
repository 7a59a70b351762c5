package io.tradingswarm.operator.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * Plays many histories without stopping at the first failure and tells, per broken rule, how often
 * it broke and the first seed that shows it (for the defect list; the property stops at one).
 * Usage: java -cp ... io.tradingswarm.operator.sim.SimSurvey [histories] [first seed] [small|limits] [every]
 * ({@code every}: one line per failing history)
 */
public final class SimSurvey {
    private record Finding(long seed, String message, int count, java.util.List<Long> more) {
    }

    private SimSurvey() {
    }

    public static void main(String[] args) {
        int histories = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long first = args.length > 1 ? Long.parseLong(args[1]) : 1;
        History.Shape shape = args.length > 2 && args[2].equals("limits") ? History.Shape.LIMITS : History.Shape.SMALL;
        boolean every = args.length > 3 && args[3].equals("every");
        Map<String, Finding> findings = new TreeMap<>();
        long start = System.nanoTime();
        long ticks = 0;
        for (long seed = first; seed < first + histories; seed++) {
            try {
                ticks += History.play(seed, shape);
            } catch (HistoryFailed e) {
                ticks += e.ticks;
                if (histories == 1) {
                    System.out.println(e.getMessage());
                }
                String message = e.getCause().getMessage().lines().findFirst().orElse("");
                if (every) {
                    System.out.println(seed + " " + message);
                }
                findings.merge(e.invariant, new Finding(seed, message, 1, java.util.List.of()),
                        (a, b) -> new Finding(a.seed, a.message, a.count + 1, a.more.size() >= 5 ? a.more
                                : java.util.stream.Stream.concat(a.more.stream(), java.util.stream.Stream.of(b.seed)).toList()));
            }
        }
        System.out.printf("%d histories (%d ticks) in %.1f s%n", histories, ticks, (System.nanoTime() - start) / 1e9);
        findings.forEach((invariant, f) -> System.out.printf("%-18s %5d histories, first seed %d (then %s): %s%n", invariant, f.count, f.seed, f.more,
                f.message.length() > 400 ? f.message.substring(0, 400) + "..." : f.message));
    }
}
