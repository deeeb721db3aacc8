package io.altostratus.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** What only a raw socket shows: connection reuse and request lines other clients refuse to send. */
class RawSocketTest {
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.builder().port(0).dispatcher(new RecordingDispatcher()).start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private record RawAnswer(int status, String headers, String body) {
    }

    @Test
    void oneConnectionCarriesSuccessesAndErrorsInTurn() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());

            out.write(request("GET /_alto/health HTTP/1.1", ""));
            assertThat(read(in).status()).isEqualTo(200);

            out.write(request("POST / HTTP/1.1", "Action=DescribeRegions&Version=2016-11-15"));
            RawAnswer unsigned = read(in);
            assertThat(unsigned.status()).isEqualTo(403);
            assertThat(unsigned.body()).contains("<Code>MissingAuthenticationToken</Code>");

            out.write(request("GET /nowhere HTTP/1.1", ""));
            assertThat(read(in).status()).isEqualTo(404);

            out.write(request("GET /_alto/health HTTP/1.1", ""));
            assertThat(read(in).status()).isEqualTo(200);
        }
    }

    @Test
    void connectionSurvivesAnOversizedBody() throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            byte[] body = new byte[(int) Gateway.DEFAULT_MAX_BODY_BYTES + 100];
            java.util.Arrays.fill(body, (byte) 'x');

            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                            + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.write(request("GET /_alto/health HTTP/1.1", ""));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            RawAnswer tooLarge = read(in);
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("<Code>RequestEntityTooLarge</Code>");
            assertThat(read(in).status()).isEqualTo(200);
            assertThat(writer.join(java.time.Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void chunkedOversizedBodyIs413() throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[1 << 20];
                    java.util.Arrays.fill(chunk, (byte) 'y');
                    for (int i = 0; i < 11; i++) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the server may close once it has answered
                }
            });
            assertThat(read(in).status()).isEqualTo(413);
            assertThat(writer.join(java.time.Duration.ofSeconds(10))).isTrue();
        }
    }

    /**
     * Pins a known limit: a request target that is not a valid URI (a broken %-escape, a space) is refused by the JDK
     * server itself with an HTML 400 before any handler runs, so it cannot be an EC2 XML error. No AWS client sends
     * such a request line; a parameter with a bad escape in a valid URI or in a body is an XML error (see
     * GatewaySdkTest). If this starts failing the JDK has changed and the gateway may now answer XML here.
     */
    @Test
    void targetThatIsNotAUriIsRefusedByTheJdkServerBeforeTheGateway() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request("GET /?Action=DescribeRegions&X=%G0 HTTP/1.1", ""));
            RawAnswer answer = read(new BufferedInputStream(socket.getInputStream()));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.headers()).containsIgnoringCase("Connection: close");
        }
    }

    private static byte[] request(String requestLine, String body) {
        String head = requestLine + "\r\nHost: 127.0.0.1\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/x-www-form-urlencoded\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static RawAnswer read(InputStream in) throws IOException {
        String statusLine = line(in);
        StringBuilder headers = new StringBuilder();
        int length = -1;
        String header;
        while (!(header = line(in)).isEmpty()) {
            headers.append(header).append('\n');
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        byte[] body = length > 0 ? in.readNBytes(length) : new byte[0];
        return new RawAnswer(Integer.parseInt(statusLine.split(" ")[1]), headers.toString(),
                new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed after: " + out);
            }
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
