package io.tradingswarm.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The one error type of the plugin: a kubectl-like message (printed as {@code Error: <message>}) and
 * an exit code. Build it with the factories, so the same situation always reads the same way.
 */
public final class CliError extends RuntimeException {
    /** A command ran and failed (no such release, no permission, no cluster, ...). */
    public static final int ERROR = 1;
    /** The command line was wrong (picocli's usage exit code). */
    public static final int USAGE = 2;

    public static final String RESOURCE = "swarmreleases.tradingswarm.io";

    /** What kind of failure this is, for callers that react differently (the dashboard maps them to HTTP). */
    public enum Kind {
        NOT_FOUND, FORBIDDEN, NO_CLUSTER, NO_CONFIG, INVALID, OTHER
    }

    private final Kind kind;
    private final int exitCode;

    public CliError(Kind kind, String message) {
        this(kind, message, ERROR, null);
    }

    public CliError(Kind kind, String message, int exitCode, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.exitCode = exitCode;
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The line printed on stderr. */
    public String line() {
        return "Error: " + getMessage();
    }

    /** {@code swarmrelease "x" not found in namespace "y"}. */
    public static CliError notFound(String name, String namespace) {
        return new CliError(Kind.NOT_FOUND, "swarmrelease \"" + name + "\" not found in namespace \"" + namespace + "\"");
    }

    /**
     * {@code you cannot patch swarmreleases.tradingswarm.io in namespace "y"}; a null namespace means
     * the cluster scope (list -A).
     */
    public static CliError forbidden(String verb, String resource, String namespace) {
        String where = namespace == null ? "at the cluster scope" : "in namespace \"" + namespace + "\"";
        return new CliError(Kind.FORBIDDEN, "you cannot " + verb + " " + resource + " " + where);
    }

    public static CliError noConfig(String message) {
        return new CliError(Kind.NO_CONFIG, message);
    }

    /**
     * Turns a client failure of one operation into the error a user reads.
     *
     * @param op what was attempted: the verb and resource name the 403 message, the release name
     *        the 404 one
     * @param server the API server URL, for "no cluster"
     */
    public static CliError from(KubernetesClientException e, Operation op, String server) {
        if (e.getCode() == 403) {
            return forbidden(op.verb(), op.resource(), op.namespace());
        }
        if (e.getCode() == 404 && op.name() != null && RESOURCE.equals(op.resource())) {
            return notFound(op.name(), op.namespace());
        }
        if (e.getCode() == 404 && RESOURCE.equals(op.resource())) {
            return new CliError(Kind.NOT_FOUND, "the server doesn't have a resource type \"swarmreleases\""
                    + " (is the SwarmRelease CRD installed? kubectl apply -f deploy/crds/)");
        }
        if (e.getCode() == 401) {
            return new CliError(Kind.FORBIDDEN, "you must be logged in to the server " + server + " (Unauthorized)");
        }
        if (e.getCode() == 422 || e.getCode() == 400) {
            return new CliError(Kind.INVALID, "the server rejected the " + op.verb() + " of " + describe(op) + ": "
                    + serverMessage(e));
        }
        Throwable unreachable = unreachable(e);
        if (unreachable != null) {
            return noCluster(server, unreachable, e);
        }
        if (e.getCode() > 0) {
            return new CliError(Kind.OTHER, "cannot " + op.verb() + " " + describe(op) + ": " + serverMessage(e)
                    + " (HTTP " + e.getCode() + ")");
        }
        return new CliError(Kind.OTHER, "cannot " + op.verb() + " " + describe(op) + ": " + rootMessage(e), ERROR, e);
    }

    /** {@code the connection to the server 127.0.0.1:1 was refused - is the cluster running?} and friends. */
    public static CliError noCluster(String server, Throwable why, Throwable cause) {
        String host = hostPort(server);
        String text;
        if (why instanceof ConnectException) {
            text = "the connection to the server " + host + " was refused - is the cluster running, and is "
                    + server + " the right address?";
        } else if (why instanceof UnknownHostException || why instanceof UnresolvedAddressException) {
            text = "cannot resolve the server " + host + " (" + server + ")";
        } else if (why instanceof NoRouteToHostException) {
            text = "no route to the server " + host + " (" + server + ")";
        } else {
            text = "the server " + host + " did not answer in time (" + server + ")";
        }
        return new CliError(Kind.NO_CLUSTER, text, ERROR, cause);
    }

    private static Throwable unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof UnresolvedAddressException || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(Operation op) {
        return op.name() == null ? op.resource() : op.resource() + " \"" + op.name() + "\"";
    }

    private static String serverMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static String hostPort(String server) {
        if (server == null) {
            return "(unknown)";
        }
        String s = server.replaceFirst("^[a-z]+://", "");
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }

    /**
     * One attempted API call: {@code get}/{@code list}/{@code watch}/{@code patch} of a resource
     * ({@code swarmreleases.tradingswarm.io}, {@code deployments.apps}) in a namespace (null: all).
     */
    public record Operation(String verb, String resource, String namespace, String name) {
        public static Operation release(String verb, String namespace, String name) {
            return new Operation(verb, RESOURCE, namespace, name);
        }
    }
}
