package io.tradingswarm.operator.planner;

/** Names of the Jobs the operator creates: a readable prefix cut to fit 63 characters with its suffix. */
public final class JobNames {
    static final int MAX = 63;

    private JobNames() {
    }

    public static String fit(String prefix, String suffix) {
        String cut = prefix.substring(0, Math.min(prefix.length(), MAX - suffix.length()));
        return cut.replaceAll("-+$", "") + suffix;
    }
}
