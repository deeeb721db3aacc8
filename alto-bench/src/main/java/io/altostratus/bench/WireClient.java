package io.altostratus.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * EC2 Query calls signed with SigV4 and written straight to a socket as HTTP/1.1, whose answers are read as bytes and
 * never parsed: what a call costs the server (and the loopback wire), apart from any client library's own work. An SDK
 * client spends most of a millisecond per call on itself (interceptors, endpoint rules, its HTTP stack) and about
 * 100 ms turning a 1,000-instance answer into objects; both are the same for every server and would hide how fast the
 * server is.
 *
 * <p>One connection is kept alive across calls, as SDK clients do; a server that answers {@code Connection: close}
 * (moto's does, every time) gets a new connection for its next call, and that connect is part of the call's time, as
 * it is for any client of that server. Not thread-safe.
 */
final class WireClient implements AutoCloseable {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String REGION = "us-east-1";
    private static final String SERVICE = "ec2";

    /** What came back: status, size, and for checked calls, the body itself. */
    record Answer(int status, long bytes, byte[] body) {
        /** How often {@code marker} occurs in the body (kept bodies only). */
        int count(String marker) {
            String text = text();
            int n = 0;
            for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
                n++;
            }
            return n;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String hostName;
    private final int port;
    private final String host;
    private final String accessKey;
    private final String secretKey;
    private final byte[] discard = new byte[64 * 1024];
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private String signingDate;
    private byte[] signingKey;

    WireClient(URI endpoint, String accessKey, String secretKey) {
        if (!"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the wire client speaks plain HTTP only, not " + endpoint);
        }
        this.hostName = endpoint.getHost();
        this.port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        this.host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Sends {@code form} (e.g. {@code Action=DescribeInstances&Version=2016-11-15}) and reads the whole answer.
     *
     * @param keep whether to keep the body (to check it) or only count its bytes (to time it)
     */
    Answer call(String form, boolean keep) throws IOException {
        byte[] request = request(form);
        boolean fresh = socket == null;
        if (fresh) {
            connect();
        }
        try {
            return exchange(request, keep);
        } catch (EOFException closedBeforeAnswer) {
            // A kept-alive connection the server closed while idle: nothing of an answer was read, so the request was
            // never taken; send it once more on a new connection. A fresh connection that closes is a real failure.
            close();
            if (fresh) {
                throw closedBeforeAnswer;
            }
            connect();
            return exchange(request, keep);
        }
    }

    private void connect() throws IOException {
        socket = new Socket(hostName, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5 * 60_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    private Answer exchange(byte[] request, boolean keep) throws IOException {
        out.write(request);
        out.flush();
        String status = line(in, true);
        int code = status(status);
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = status.startsWith("HTTP/1.0");
        for (String header = line(in, false); !header.isEmpty(); header = line(in, false)) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closeAfter = value.contains("close") || (closeAfter && !value.contains("keep-alive"));
                default -> {
                }
            }
        }
        java.io.ByteArrayOutputStream kept = keep ? new java.io.ByteArrayOutputStream() : null;
        long bytes;
        if (chunked) {
            bytes = 0;
            for (long size = Long.parseLong(chunkSize(line(in, false)), 16); size > 0;
                    size = Long.parseLong(chunkSize(line(in, false)), 16)) {
                bytes += body(size, kept);
                line(in, false);
            }
            while (!line(in, false).isEmpty()) {
                // trailers, none expected
            }
        } else if (length >= 0) {
            bytes = body(length, kept);
        } else {
            bytes = body(Long.MAX_VALUE, kept);
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Answer(code, bytes, kept == null ? null : kept.toByteArray());
    }

    private long body(long length, java.io.ByteArrayOutputStream kept) throws IOException {
        long read = 0;
        while (read < length) {
            int n = in.read(discard, 0, (int) Math.min(discard.length, length - read));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    break;
                }
                throw new IOException("the answer ended after " + read + " of " + length + " bytes");
            }
            if (kept != null) {
                kept.write(discard, 0, n);
            }
            read += n;
        }
        return read;
    }

    private static String chunkSize(String line) {
        int semicolon = line.indexOf(';');
        return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + line);
        }
        return Integer.parseInt(parts[1]);
    }

    /** One CRLF-terminated line; EOF before its first byte is an {@link EOFException} when {@code first}. */
    private static String line(InputStream in, boolean first) throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c = in.read();
        if (c < 0) {
            throw first ? new EOFException("the connection closed before an answer")
                    : new IOException("the connection closed in the middle of an answer");
        }
        for (; c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed in the middle of an answer");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private byte[] request(String form) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        String head = "POST / HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: " + CONTENT_TYPE + "\r\n"
                + "X-Amz-Date: " + amzDate + "\r\n"
                + "Authorization: " + authorization(body, amzDate) + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private String authorization(byte[] body, String amzDate) {
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + REGION + "/" + SERVICE + "/aws4_request";
        String signedHeaders = "content-type;host;x-amz-date";
        String canonical = "POST\n/\n\n"
                + "content-type:" + CONTENT_TYPE + "\n"
                + "host:" + host + "\n"
                + "x-amz-date:" + amzDate + "\n\n"
                + signedHeaders + "\n"
                + hex(sha256(body));
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        // The signing key depends on the day only, as SDK signers cache it too.
        if (!date.equals(signingDate)) {
            byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
            key = hmac(key, REGION);
            key = hmac(key, SERVICE);
            signingKey = hmac(key, "aws4_request");
            signingDate = date;
        }
        String signature = hex(hmac(signingKey, toSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a loopback socket; nothing to recover.
            }
            socket = null;
            out = null;
            in = null;
        }
    }
}
