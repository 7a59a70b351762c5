package io.tradingswarm.operator.dependent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.tradingswarm.operator.api.Bot;
import io.tradingswarm.operator.api.SwarmReleaseSpec;

/** The identity of a run: a hash of the version and every bot's pod template (not replicas, not steps). */
public final class Revision {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Revision() {
    }

    public static String of(SwarmReleaseSpec spec) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("version", spec.version);
        for (Bot bot : spec.bots) {
            identity.put("bot/" + bot.name, bot.template);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(identity).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the release spec", e);
        }
    }
}
