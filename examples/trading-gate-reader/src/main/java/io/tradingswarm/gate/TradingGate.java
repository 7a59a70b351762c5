package io.tradingswarm.gate;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A bot slot's trading gate: the file {@code /etc/tradingswarm/gate/<bot>-<slot>} that the operator
 * mounts into every container of the slot's pods and names in {@code TRADINGSWARM_GATE_FILE}
 * (docs/trading-gate.md has the contract).
 *
 * <pre>{@code
 * try (TradingGate gate = TradingGate.fromEnvironment()) {
 *     gate.onChange((from, to) -> log.info("trading gate: " + from + " -> " + to));
 *     gate.start();                 // rereads the file every second
 *     ...
 *     if (gate.mayTrade()) {
 *         send(order);
 *     }
 * }
 * }</pre>
 *
 * <p>It fails closed: no file, an unreadable one, no {@code state=} or an unknown value all read as
 * {@link TradingState#SHADOW}, and {@link #problem()} says why.
 *
 * <p>It polls instead of using a {@code WatchService}: the kubelet updates a ConfigMap volume by
 * writing a new hidden directory and swapping the {@code ..data} symlink to it. The file the bot
 * opens is itself a symlink ({@code <bot>-<slot> -> ..data/<bot>-<slot>}) that does not change, so
 * a watch reports no event under its name. Reading the path again follows the swap.
 */
public final class TradingGate implements AutoCloseable {
    /** The variable the operator sets, in every container of a slot pod, to the slot's gate file. */
    public static final String FILE_ENV = "TRADINGSWARM_GATE_FILE";
    /** How often {@link #start()} rereads the file. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** Told of each change of state, on the polling thread: return quickly. */
    @FunctionalInterface
    public interface Listener {
        void stateChanged(TradingState from, TradingState to);
    }

    /** One read of the file: its bytes ({@code null} when unreadable), its keys, the state, why it failed closed. */
    private record Reading(byte[] content, Map<String, String> values, TradingState state, String problem) {
        static Reading failed(String problem) {
            return new Reading(null, Map.of(), TradingState.SHADOW, problem);
        }
    }

    private static final System.Logger LOG = System.getLogger(TradingGate.class.getName());

    private final Path file;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Reading current;
    private ScheduledExecutorService poller;

    /**
     * A gate on {@code file}, read once now; {@link #start()} keeps it current. A {@code null} file
     * (none named) reads as SHADOW.
     */
    public TradingGate(Path file) {
        this.file = file;
        this.current = read(null);
    }

    /** The gate on the file {@code TRADINGSWARM_GATE_FILE} names; without the variable, always SHADOW. */
    public static TradingGate fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static TradingGate fromEnvironment(Map<String, String> environment) {
        String path = environment.get(FILE_ENV);
        return new TradingGate(path == null || path.isBlank() ? null : Path.of(path));
    }

    /** The state at the last read. */
    public TradingState state() {
        return current.state();
    }

    /** Whether the bot may send orders now: only in {@link TradingState#ACTIVE}. */
    public boolean mayTrade() {
        return current.state().mayTrade();
    }

    /** Another key of the file at the last read, such as {@code version}. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(current.values().get(key));
    }

    /**
     * For a bot with shards: the shards this slot may trade (only while {@link #mayTrade()}); empty when
     * it trades none, or when the bot has no shards (the file has no {@code shards} line).
     */
    public List<String> shards() {
        String line = current.values().get("shards");
        return line == null || line.isEmpty() ? List.of() : List.of(line.split(","));
    }

    /** Why the last read failed closed (to SHADOW); empty when the file named a state. */
    public Optional<String> problem() {
        return Optional.ofNullable(current.problem());
    }

    /** Adds a listener for changes of state found by {@link #poll()}. */
    public TradingGate onChange(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Rereads the file every second on a daemon thread, until {@link #close()}. */
    public TradingGate start() {
        return start(DEFAULT_INTERVAL);
    }

    /** Rereads the file every {@code interval} on a daemon thread, until {@link #close()}. */
    public synchronized TradingGate start(Duration interval) {
        if (poller != null) {
            throw new IllegalStateException("already started");
        }
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "trading-gate");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Rereads the file now, tells the listeners if the state changed, and returns the state. */
    public synchronized TradingState poll() {
        Reading before = current;
        Reading after = read(before);
        current = after;
        if (after.state() != before.state()) {
            for (Listener listener : listeners) {
                try {
                    listener.stateChanged(before.state(), after.state());
                } catch (RuntimeException e) {
                    // A failing listener must not stop the polling (or the other listeners).
                    LOG.log(System.Logger.Level.ERROR, "trading gate listener failed", e);
                }
            }
        }
        return after.state();
    }

    /** Stops the polling; the last state stays readable. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private Reading read(Reading before) {
        if (file == null) {
            return Reading.failed(FILE_ENV + " is not set");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Reading.failed("no file " + file + " (yet: pods may start before their key exists)");
        } catch (IOException | SecurityException e) {
            return Reading.failed("cannot read " + file + ": " + e);
        }
        if (before != null && Arrays.equals(content, before.content())) {
            return before;
        }
        return parse(content);
    }

    private Reading parse(byte[] content) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a malformed \\uXXXX escape
            return new Reading(content, Map.of(), TradingState.SHADOW, file + " is not a properties file: " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key));
        }
        String text = values.get("state");
        TradingState state = TradingState.fromText(text);
        String problem = text == null ? "no state= in " + file
                : state.text().equals(text.strip()) ? null
                : "unknown state=" + text + " in " + file;
        return new Reading(content, Map.copyOf(values), state, problem);
    }
}
