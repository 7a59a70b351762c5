package io.tradingswarm.operator.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.tradingswarm.operator.outbound.CheckedHttp.Request;
import io.tradingswarm.operator.outbound.CheckedHttp.Response;

/** One HTTP/1.1 request and its answer on a connected stream; the request asks the server to close afterwards. */
final class Http1 {
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private Http1() {
    }

    static void write(OutputStream out, Request request) throws IOException {
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.url().requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(request.url().hostHeader()).append("\r\n")
                .append("User-Agent: swarm-operator\r\n")
                .append("Connection: close\r\n");
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            // A value read from a Secret must not be able to add headers or a second request.
            if (header.getValue().indexOf('\r') >= 0 || header.getValue().indexOf('\n') >= 0) {
                throw OutboundException.failed("header " + header.getKey() + " holds a line break");
            }
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        if (request.body() != null) {
            out.write(request.body());
        }
        out.flush();
    }

    /** @param bodyLimit the most body bytes to read; 0 reads none */
    static Response read(InputStream in, int bodyLimit) throws IOException {
        int status;
        Map<String, String> headers;
        do {
            status = status(line(in));
            headers = headers(in);
        } while (status / 100 == 1);
        if (bodyLimit == 0 || status == 204 || status == 304) {
            return new Response(status, new byte[0]);
        }
        String length = headers.get("content-length");
        if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
            return new Response(status, chunked(in, bodyLimit));
        }
        return new Response(status, length != null ? exactly(in, number(length, 10), bodyLimit) : untilEnd(in, bodyLimit));
    }

    private static int status(String line) throws OutboundException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw malformed();
        }
        return Integer.parseInt(parts[1]);
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || headers.size() == MAX_HEADERS) {
                throw malformed();
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim().toLowerCase(Locale.ROOT));
        }
        return headers;
    }

    private static byte[] chunked(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
            if (body.size() + size > limit) {
                throw tooLarge(limit);
            }
            body.write(exactly(in, size, limit));
            if (!line(in).isEmpty()) {
                throw malformed();
            }
        }
        while (!line(in).isEmpty()) {
            // trailer fields, unused
        }
        return body.toByteArray();
    }

    private static long chunkSize(InputStream in) throws IOException {
        String line = line(in);
        int extension = line.indexOf(';');
        return number(extension < 0 ? line : line.substring(0, extension), 16);
    }

    private static byte[] exactly(InputStream in, long length, int limit) throws IOException {
        if (length > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw malformed();
        }
        return bytes;
    }

    private static byte[] untilEnd(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return bytes;
    }

    private static long number(String text, int radix) throws OutboundException {
        try {
            long number = Long.parseLong(text.trim(), radix);
            if (number < 0) {
                throw malformed();
            }
            return number;
        } catch (NumberFormatException e) {
            throw malformed();
        }
    }

    /** A line without its CRLF; the end of the stream before a line is complete is malformed. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.size() == MAX_LINE) {
                throw malformed();
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static OutboundException malformed() {
        return OutboundException.failed("malformed HTTP answer");
    }

    private static OutboundException tooLarge(int limit) {
        String shown = limit % (1 << 20) == 0 ? limit / (1 << 20) + " MiB" : limit + " bytes";
        return OutboundException.failed("answer larger than " + shown);
    }
}
