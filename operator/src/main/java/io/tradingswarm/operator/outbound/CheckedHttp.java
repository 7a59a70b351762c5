package io.tradingswarm.operator.outbound;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The operator's one way to make HTTP requests to addresses it does not own (probes, Prometheus,
 * webhooks). It connects to the addresses {@link OutboundGuard} checked, never to a second resolution
 * of the name; it follows no redirect; and one timeout bounds resolution, connect, TLS and the answer.
 * HTTPS verifies the certificate against the URL's host name, which it also sends as SNI.
 *
 * <p>The JDK's {@code HttpClient} resolves names itself and cannot be told which address to use, so
 * this speaks HTTP/1.1 over a socket it connected: one request per connection, answers read only as
 * far as the caller needs.
 */
public final class CheckedHttp {

    /** @param body null for a request without one */
    public record Request(String method, OutboundUrl url, Map<String, String> headers, byte[] body) {
        public static Request get(OutboundUrl url, Map<String, String> headers) {
            return new Request("GET", url, headers, null);
        }

        public static Request post(OutboundUrl url, String contentType, byte[] body) {
            return new Request("POST", url, Map.of("Content-Type", contentType), body);
        }
    }

    public record Response(int status, byte[] body) {
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    // Resolution cannot be interrupted, so the caller waits on a worker for at most the timeout.
    private static final ExecutorService EXCHANGES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "outbound-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final OutboundGuard guard;
    private final SSLSocketFactory tls;

    public CheckedHttp(OutboundGuard guard) {
        this(guard, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tls where HTTPS gets its trusted certificates; tests pass their own */
    public CheckedHttp(OutboundGuard guard, SSLSocketFactory tls) {
        this.guard = guard;
        this.tls = tls;
    }

    /**
     * @param bodyLimit the most body bytes to read: 0 reads none, a longer answer is an error
     * @throws OutboundException refused before any connection, or failed with a fixed phrase
     */
    public Response send(Request request, int bodyLimit, Duration timeout) throws OutboundException {
        Exchange exchange = new Exchange(request, bodyLimit, timeout);
        Future<Response> answer = EXCHANGES.submit(exchange);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.abort();
            answer.cancel(true);
            throw OutboundException.timedOut(timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof OutboundException outbound ? outbound : failure(e.getCause(), timeout);
        } catch (InterruptedException e) {
            exchange.abort();
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw OutboundException.failed("interrupted");
        }
    }

    /** A fixed phrase for what went wrong: exception messages may quote the peer or the URL. */
    private static OutboundException failure(Throwable error, Duration timeout) {
        if (error instanceof SocketTimeoutException) {
            return OutboundException.timedOut(timeout);
        }
        if (error instanceof ConnectException) {
            return OutboundException.failed("connection refused");
        }
        if (error instanceof NoRouteToHostException) {
            return OutboundException.failed("no route to host");
        }
        if (error instanceof SSLException) {
            return OutboundException.failed("TLS handshake failed: certificate not trusted or not issued for the host");
        }
        return OutboundException.failed(error instanceof IOException ? "connection failed" : "request failed");
    }

    /** One request on its own connection; {@link #abort()} closes the connection from the waiting thread. */
    private final class Exchange implements Callable<Response> {
        private final Request request;
        private final int bodyLimit;
        private final Duration timeout;
        private Socket socket;
        private boolean aborted;

        Exchange(Request request, int bodyLimit, Duration timeout) {
            this.request = request;
            this.bodyLimit = bodyLimit;
            this.timeout = timeout;
        }

        @Override
        public Response call() throws IOException {
            OutboundUrl url = request.url();
            List<InetAddress> addresses = guard.addressesOf(url.host());
            try (Socket connected = connected(addresses, url.port())) {
                Socket stream = url.https() ? handshake(connected, url) : connected;
                Http1.write(stream.getOutputStream(), request);
                return Http1.read(new BufferedInputStream(stream.getInputStream()), bodyLimit);
            }
        }

        /** The first of the checked addresses that accepts a connection. */
        private Socket connected(List<InetAddress> addresses, int port) throws IOException {
            IOException last = null;
            for (InetAddress address : addresses) {
                Socket candidate = attached(new Socket(Proxy.NO_PROXY));
                try {
                    candidate.setSoTimeout((int) timeout.toMillis());
                    candidate.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
                    return candidate;
                } catch (IOException e) {
                    candidate.close();
                    last = e;
                }
            }
            throw last;
        }

        private Socket handshake(Socket connected, OutboundUrl url) throws IOException {
            SSLSocket ssl = (SSLSocket) tls.createSocket(connected, url.host(), url.port(), true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            return ssl;
        }

        private synchronized Socket attached(Socket candidate) throws IOException {
            if (aborted) {
                candidate.close();
                throw OutboundException.timedOut(timeout);
            }
            socket = candidate;
            return candidate;
        }

        synchronized void abort() {
            aborted = true;
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException alreadyGone) {
                    // nothing left to stop
                }
            }
        }
    }
}
