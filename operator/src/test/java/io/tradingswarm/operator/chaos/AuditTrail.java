package io.tradingswarm.operator.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradingswarm.operator.api.SwarmReleaseStatus;
import io.tradingswarm.operator.testing.AuditLogParts;

/**
 * The operator's requests as the API server's audit log recorded them (hack/chaos/audit-policy.yaml),
 * in the order they completed. Bodies are there for status saves, Service writes and Job creates.
 */
final class AuditTrail {
    static final String OPERATOR = "system:serviceaccount:swarm-operator:swarm-operator";
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One completed request of the operator. */
    record Request(Instant at, String verb, String resource, String subresource, String namespace, String name, int code,
            JsonNode requestObject, JsonNode responseObject) {

        boolean succeeded() {
            return code >= 200 && code < 300;
        }

        boolean isWrite() {
            return WRITES.contains(verb);
        }

        boolean isStatusSave() {
            return succeeded() && "swarmreleases".equals(resource) && "status".equals(subresource) && isWrite();
        }

        /** The status the save left, as the API server answered. */
        SwarmReleaseStatus savedStatus() {
            return JSON.convertValue(responseObject.path("status"), SwarmReleaseStatus.class);
        }

        boolean isServiceWrite() {
            return succeeded() && "services".equals(resource) && isWrite() && !"delete".equals(verb) && responseObject != null;
        }

        Map<String, String> selector() {
            return JSON.convertValue(responseObject.path("spec").path("selector"), JSON.getTypeFactory()
                    .constructMapType(Map.class, String.class, String.class));
        }

        boolean isJobCreated() {
            return "jobs".equals(resource) && "create".equals(verb) && code == 201;
        }

        String label(String key) {
            return requestObject == null ? null : requestObject.path("metadata").path("labels").path(key).asText(null);
        }
    }

    final List<Request> requests;

    private AuditTrail(List<Request> requests) {
        this.requests = requests;
    }

    /** The log with its rotated parts ({@link AuditLogParts}), each request once (by auditID). */
    static AuditTrail read(Path log) throws IOException {
        List<Request> requests = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path part : AuditLogParts.of(log)) {
            readPart(part, requests, seen);
        }
        requests.sort(Comparator.comparing(Request::at));
        return new AuditTrail(requests);
    }

    private static void readPart(Path part, List<Request> requests, Set<String> seen) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(part)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode e = JSON.readTree(line);
                String id = e.path("auditID").asText();
                if (!"ResponseComplete".equals(e.path("stage").asText()) || !OPERATOR.equals(e.path("user").path("username").asText())
                        || !id.isEmpty() && !seen.add(id)) {
                    continue;
                }
                JsonNode ref = e.path("objectRef");
                requests.add(new Request(Instant.parse(e.path("stageTimestamp").asText()), e.path("verb").asText(),
                        ref.path("resource").asText(), ref.path("subresource").asText(null), ref.path("namespace").asText(null),
                        ref.path("name").asText(null), e.path("responseStatus").path("code").asInt(),
                        e.get("requestObject"), e.get("responseObject")));
            }
        }
    }

    /** The operator's last write before {@code instant} other than its Lease and Events, or null. */
    Request lastWriteBefore(Instant instant) {
        Request last = null;
        for (Request r : requests) {
            if (!r.at().isBefore(instant)) {
                break;
            }
            if (r.isWrite() && !"leases".equals(r.resource()) && !"events".equals(r.resource())) {
                last = r;
            }
        }
        return last;
    }
}
