package io.tradingswarm.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class TradingGateTest {
    static final String KEY = "market-maker-b";
    /** How long a test waits for the poller at most; a deadline, not a timing under test. */
    static final long DEADLINE_SECONDS = 10;

    @TempDir
    Path dir;

    @Test
    void eachStateIsRead() throws IOException {
        for (TradingState state : TradingState.values()) {
            Path file = Files.writeString(dir.resolve(KEY), "state=" + state.text() + "\nversion=1.4.2\n");
            TradingGate gate = new TradingGate(file);
            assertEquals(state, gate.state());
            assertEquals(state == TradingState.ACTIVE, gate.mayTrade());
            assertEquals(Optional.empty(), gate.problem());
            assertEquals(Optional.of("1.4.2"), gate.value("version"));
        }
    }

    @Test
    void unknownKeysAndCommentsAreIgnored() throws IOException {
        Path file = Files.writeString(dir.resolve(KEY),
                "# written by swarm-operator\n\nowner=desk-7\n# state=halted\nstate=active\nversion=1.4.2\n");
        TradingGate gate = new TradingGate(file);
        assertEquals(TradingState.ACTIVE, gate.state());
        assertEquals(Optional.of("desk-7"), gate.value("owner"));
        assertEquals(List.of(), gate.shards(), "a bot without shards");
    }

    @Test
    void theShardsThisSlotTradesAreListedInTheSpecsOrder() throws IOException {
        Path file = Files.writeString(dir.resolve(KEY), "state=active\nshards=BTC-USD,ETH-USD\nversion=1.4.2\n");
        assertEquals(List.of("BTC-USD", "ETH-USD"), new TradingGate(file).shards());
        Files.writeString(file, "state=shadow\nshards=\n");
        assertEquals(List.of(), new TradingGate(file).shards(), "a slot that trades none");
    }

    @Test
    void aMissingFileFailsClosed() {
        TradingGate gate = new TradingGate(dir.resolve(KEY));
        assertEquals(TradingState.SHADOW, gate.state());
        assertFalse(gate.mayTrade());
        assertTrue(gate.problem().orElseThrow().contains("no file"), gate.problem().toString());
    }

    @Test
    void noVariableFailsClosed() {
        TradingGate gate = TradingGate.fromEnvironment(Map.of());
        assertEquals(TradingState.SHADOW, gate.state());
        assertTrue(gate.problem().orElseThrow().contains(TradingGate.FILE_ENV), gate.problem().toString());
    }

    @Test
    void theVariableNamesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve(KEY), "state=active\n");
        TradingGate gate = TradingGate.fromEnvironment(Map.of(TradingGate.FILE_ENV, file.toString()));
        assertEquals(TradingState.ACTIVE, gate.state());
    }

    @Test
    void anUnknownValueOrNoStateFailsClosed() throws IOException {
        for (String content : List.of("state=trading\n", "state=ACTIVE\n", "state=\n", "version=1.4.2\n", "",
                "state=\\u00zz\n")) {
            assertFailsClosed(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void garbledBytesFailClosed() throws IOException {
        assertFailsClosed(new byte[] {'s', 't', 'a', 't', 'e', '=', 'a', 'c', (byte) 0xff, 't', 'i', 'v', 'e'});
        assertFailsClosed(new byte[] {(byte) 0xfe, (byte) 0xff, 0, 0, 7});
    }

    void assertFailsClosed(byte[] content) throws IOException {
        Path file = Files.write(dir.resolve(KEY), content);
        TradingGate gate = new TradingGate(file);
        String shown = new String(content, StandardCharsets.UTF_8);
        assertEquals(TradingState.SHADOW, gate.state(), shown);
        assertFalse(gate.mayTrade(), shown);
        assertTrue(gate.problem().isPresent(), shown);
    }

    @Test
    void fromTextFailsClosed() {
        assertEquals(TradingState.ACTIVE, TradingState.fromText("active"));
        assertEquals(TradingState.ACTIVE, TradingState.fromText(" active\r"));
        assertEquals(TradingState.HALTED, TradingState.fromText("halted"));
        assertEquals(TradingState.SHADOW, TradingState.fromText("shadow"));
        assertEquals(TradingState.SHADOW, TradingState.fromText(null));
        assertEquals(TradingState.SHADOW, TradingState.fromText("Active"));
        assertEquals(TradingState.SHADOW, TradingState.fromText("paused"));
    }

    /** The kubelet's update: a new hidden directory, then the ..data symlink swapped to it (swapData). */
    @Test
    void aSymlinkSwapIsNoticedAndTheListenerCalled() throws Exception {
        Path gateFile = kubeletVolume("..2026_01_05_10_00_00.1", "state=shadow\nversion=1.4.2\n");
        try (TradingGate gate = new TradingGate(gateFile)) {
            assertEquals(TradingState.SHADOW, gate.state());
            BlockingQueue<List<TradingState>> changes = recordChanges(gate);

            swapData("..2026_01_05_10_01_00.2", "state=active\nversion=1.4.2\n");
            assertEquals(List.of(TradingState.SHADOW, TradingState.ACTIVE), nextChange(changes));
            assertTrue(gate.mayTrade());

            swapData("..2026_01_05_10_02_00.3", "state=halted\nversion=1.4.2\n");
            assertEquals(List.of(TradingState.ACTIVE, TradingState.HALTED), nextChange(changes));
            assertFalse(gate.mayTrade());
        }
    }

    /** Pods may start before their key exists: the file then appears with a later swap. */
    @Test
    void aKeyThatAppearsLaterIsNoticed() throws Exception {
        Path gateFile = kubeletVolume("..2026_01_05_10_00_00.1", null);
        try (TradingGate gate = new TradingGate(gateFile)) {
            assertEquals(TradingState.SHADOW, gate.state());
            BlockingQueue<List<TradingState>> changes = recordChanges(gate);

            swapData("..2026_01_05_10_01_00.2", "state=active\n");
            assertEquals(List.of(TradingState.SHADOW, TradingState.ACTIVE), nextChange(changes));
        }
    }

    /** Starts polling fast, each change queued as [from, to]. */
    static BlockingQueue<List<TradingState>> recordChanges(TradingGate gate) {
        BlockingQueue<List<TradingState>> changes = new LinkedBlockingQueue<>();
        gate.onChange((from, to) -> changes.add(List.of(from, to)));
        gate.start(Duration.ofMillis(20));
        return changes;
    }

    /** The next change, waiting for it up to the deadline. */
    static List<TradingState> nextChange(BlockingQueue<List<TradingState>> changes) throws InterruptedException {
        List<TradingState> change = changes.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertNotNull(change, "no change seen within " + DEADLINE_SECONDS + " s");
        return change;
    }

    @Test
    void aFailingListenerDoesNotStopThePolling() throws Exception {
        Path file = Files.writeString(dir.resolve(KEY), "state=shadow\n");
        try (TradingGate gate = new TradingGate(file)) {
            BlockingQueue<TradingState> seen = new LinkedBlockingQueue<>();
            gate.onChange((from, to) -> {
                throw new IllegalStateException("listener bug");
            });
            gate.onChange((from, to) -> seen.add(to));
            gate.start(Duration.ofMillis(20));

            replace(file, "state=active\n");
            assertEquals(TradingState.ACTIVE, seen.poll(DEADLINE_SECONDS, TimeUnit.SECONDS));
            replace(file, "state=halted\n");
            assertEquals(TradingState.HALTED, seen.poll(DEADLINE_SECONDS, TimeUnit.SECONDS));
        }
    }

    /** Writes {@code file} in one rename, so that the poller never reads it half written. */
    void replace(Path file, String content) throws IOException {
        Path tmp = Files.writeString(dir.resolve("next"), content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A ConfigMap volume as the kubelet lays it out: {@code ..<timestamp>/<key>}, {@code ..data ->
     * ..<timestamp>}, {@code <key> -> ..data/<key>}. With {@code content == null} the ConfigMap has no
     * such key yet, so neither the file nor its link exist. Returns the path a bot reads.
     */
    Path kubeletVolume(String timestampDir, String content) throws IOException {
        Path data = Files.createDirectory(dir.resolve(timestampDir));
        Files.createSymbolicLink(dir.resolve("..data"), Path.of(timestampDir));
        if (content != null) {
            Files.writeString(data.resolve(KEY), content);
            Files.createSymbolicLink(dir.resolve(KEY), Path.of("..data", KEY));
        }
        return dir.resolve(KEY);
    }

    /**
     * The kubelet's update: write the new directory, point {@code ..data_tmp} at it, rename that over
     * {@code ..data} (one atomic step), then link a key that is new.
     */
    void swapData(String timestampDir, String content) throws IOException {
        Path data = Files.createDirectory(dir.resolve(timestampDir));
        Files.writeString(data.resolve(KEY), content);
        Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of(timestampDir));
        Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        if (!Files.exists(dir.resolve(KEY), LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(dir.resolve(KEY), Path.of("..data", KEY));
        }
    }
}
