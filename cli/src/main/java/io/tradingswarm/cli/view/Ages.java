package io.tradingswarm.cli.view;

import java.time.Duration;

/** Durations as kubectl prints them (k8s.io/apimachinery duration.HumanDuration), and seconds for figures. */
public final class Ages {
    private Ages() {
    }

    /** {@code 45s}, {@code 3m12s}, {@code 25m}, {@code 5h12m}, {@code 30h}, {@code 3d4h}, {@code 400d}, {@code 2y10d}, {@code 9y}. */
    public static String human(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }

    /** A run's length to the second: {@code 12.3s} under a minute, else {@code 42m10s}, {@code 1h2m0s}. */
    public static String run(Duration d) {
        if (d == null) {
            return "-";
        }
        if (d.toMillis() < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        long s = d.getSeconds();
        return (s >= 3600 ? s / 3600 + "h" : "") + (s % 3600) / 60 + "m" + s % 60 + "s";
    }

    /** Seconds with one decimal ({@code 4.2s}), or {@code -}. */
    public static String seconds(Double s) {
        return s == null ? "-" : String.format(java.util.Locale.ROOT, "%.1fs", s);
    }
}
