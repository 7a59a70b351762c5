package io.tradingswarm.operator.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.tradingswarm.operator.api.ConfigMapKeyReference;
import io.tradingswarm.operator.api.ShardsSource;
import io.tradingswarm.operator.api.SwarmReleaseSpec;
import io.tradingswarm.operator.validation.ShardSources;
import io.tradingswarm.operator.validation.SpecValidator;

/** bots[].shardsFrom: the value format of the ConfigMap key, and what an unusable one says (docs/trading-gate.md). */
@Tag("unit")
class ShardSourcesTest {

    static SwarmReleaseSpec withShardsFrom(String configMap, String key) {
        SwarmReleaseSpec spec = SpecValidatorTest.valid();
        spec.bots.get(0).shardsFrom = new ShardsSource();
        spec.bots.get(0).shardsFrom.configMapKeyRef = new ConfigMapKeyReference();
        spec.bots.get(0).shardsFrom.configMapKeyRef.name = configMap;
        spec.bots.get(0).shardsFrom.configMapKeyRef.key = key;
        return spec;
    }

    static ConfigMap books(String label, String key, String value) {
        ConfigMapBuilder cm = new ConfigMapBuilder().withNewMetadata().withName("mm-books").withNamespace("trading").endMetadata()
                .addToData(key, value);
        if (label != null) {
            cm.editMetadata().addToLabels("tradingswarm.io/shards", label).endMetadata();
        }
        return cm.build();
    }

    static ShardSources.Resolution resolve(ConfigMap... found) {
        return ShardSources.resolve(withShardsFrom("mm-books", "books"),
                java.util.Arrays.stream(found).collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c)));
    }

    @Test
    void shardsAreSeparatedByNewlinesOrCommasTrimmedAndBlankEntriesAndCommentLinesAreIgnored() {
        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "ADA/EUR", "acct:7"),
                ShardSources.parse("BTC-USD, ETH-USD\n# the majors above\n  SOL-USD  \n\n,XRP-USD,,\r\n   # indented\nADA/EUR,acct:7\n"));
        assertEquals(List.of("EURUSD"), ShardSources.parse("EURUSD"));
        assertEquals(List.of(), ShardSources.parse("# nothing yet\n \n , \n"));
        assertEquals(List.of("a#b"), ShardSources.parse("a#b"), "only a line that starts with # is a comment");
    }

    @Test
    void aLabelledConfigMapsKeyGivesTheBotItsShardsInTheOrderWritten() {
        ShardSources.Resolution r = resolve(books("true", "books", "XRP\nBTC, ETH"));
        assertEquals(List.of(), r.errors());
        assertEquals(Map.of("maker", List.of("XRP", "BTC", "ETH")), r.shards());
        assertEquals(java.util.Set.of("mm-books"), ShardSources.configMapNames(withShardsFrom("mm-books", "books")));
    }

    @Test
    void aBotWithoutShardsFromNeedsNoConfigMap() {
        ShardSources.Resolution r = ShardSources.resolve(SpecValidatorTest.valid(), Map.of());
        assertEquals(List.of(), r.errors());
        assertEquals(Map.of(), r.shards());
    }

    @Test
    void aMissingConfigMapIsNamed() {
        ShardSources.Resolution r = resolve();
        assertEquals(List.of("spec.bots[0].shardsFrom: ConfigMap mm-books not found"), r.errors());
        assertEquals(Map.of(), r.shards());
    }

    @ParameterizedTest(name = "label {0}")
    @CsvSource(value = {"NULL", "false", "''"}, nullValues = "NULL")
    void anUnlabelledConfigMapIsNotReadAndTheMessageSaysWhichLabelIsMissing(String label) {
        ShardSources.Resolution r = resolve(books(label, "books", "BTC"));
        assertEquals(List.of("spec.bots[0].shardsFrom: ConfigMap mm-books is not labelled tradingswarm.io/shards=true"
                + " (the operator only watches labelled ConfigMaps)"), r.errors());
        assertEquals(Map.of(), r.shards());
    }

    @Test
    void aMissingKeyIsNamed() {
        assertEquals(List.of("spec.bots[0].shardsFrom: ConfigMap mm-books has no key books"),
                resolve(books("true", "symbols", "BTC")).errors());
    }

    static String shards(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "S" + i).collect(Collectors.joining("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'BTC\\nx y\\nETH'               | shard \"x y\" does not match ^[A-Za-z0-9._:/-]{1,63}$",
            "'BTC,EURUSD,ETH,EURUSD'         | duplicate shard EURUSD",
            "'# none yet\\n'                | no shards; at least 1",
            "'BTC,\u00e9t\u00e9'             | shard \"\u00e9t\u00e9\" does not match",
    })
    void aListThatBreaksTheRulesOfInlineShardsIsInvalidNamingTheFieldAndTheKey(String value, String expected) {
        ShardSources.Resolution r = resolve(books("true", "books", value.replace("\\n", "\n")));
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().get(0).startsWith("spec.bots[0].shardsFrom: ConfigMap mm-books key books: " + expected),
                r.errors().get(0));
        assertEquals(Map.of(), r.shards(), "nothing half-read");
    }

    @Test
    void atMost32ShardsAsInline() {
        assertEquals(List.of(), resolve(books("true", "books", shards(32))).errors());
        assertEquals(List.of("spec.bots[0].shardsFrom: ConfigMap mm-books key books: 40 shards; at most 32"),
                resolve(books("true", "books", shards(40))).errors());
    }

    @Test
    void aLongBadShardIsCutInTheMessage() {
        String error = resolve(books("true", "books", "x".repeat(10_000))).errors().get(0);
        assertEquals("spec.bots[0].shardsFrom: ConfigMap mm-books key books: shard \"" + "x".repeat(64)
                + "...\" does not match ^[A-Za-z0-9._:/-]{1,63}$", error);
    }

    @Test
    void shardsAndShardsFromTogetherAreInvalidNamingBoth() {
        SwarmReleaseSpec spec = withShardsFrom("mm-books", "books");
        spec.bots.get(0).shards = List.of("BTC");
        assertEquals(List.of("spec.bots[0]: set at most one of shards, shardsFrom"), SpecValidator.validate(spec, host -> true));
    }

    @Test
    void aReferenceWithoutNameOrKeyIsInvalid() {
        ShardSources.Resolution r = ShardSources.resolve(withShardsFrom("mm-books", null), Map.of());
        assertEquals(List.of("spec.bots[0].shardsFrom.configMapKeyRef: name and key are required"), r.errors());
    }
}
