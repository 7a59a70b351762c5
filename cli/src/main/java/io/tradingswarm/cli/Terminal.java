package io.tradingswarm.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether stdout is a terminal, on JDK 17 (System.console() is null) and 22+ (Console.isTerminal()). */
public final class Terminal {
    private Terminal() {
    }

    public static boolean stdoutIsTerminal() {
        String forced = System.getenv("KUBECTL_SWARM_TTY");
        if (forced != null) {
            return forced.equals("1") || forced.equalsIgnoreCase("true");
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
