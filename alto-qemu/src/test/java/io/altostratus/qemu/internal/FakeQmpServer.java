package io.altostratus.qemu.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A QMP peer on a unix socket that speaks as QEMU 7.2 does: the greeting, then one answer line per command line,
 * with an event written before some answers. Answers come from a table of command name to reply lines.
 */
public final class FakeQmpServer implements AutoCloseable {
    public static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}, "
            + "\"package\": \"Debian 1:7.2+dfsg-7\"}, \"capabilities\": [\"oob\"]}}";

    private final ServerSocketChannel server;
    private final Thread thread;
    public final List<String> received = new CopyOnWriteArrayList<>();

    /** @param replies the reply lines for each command; the request's JSON is passed in */
    public FakeQmpServer(Path socket, Function<String, List<String>> replies) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = Thread.ofPlatform().daemon().start(() -> serve(replies));
    }

    public static FakeQmpServer answering(Path socket, Map<String, List<String>> byCommand) throws IOException {
        return new FakeQmpServer(socket, request -> {
            for (var e : byCommand.entrySet()) {
                if (request.contains("\"" + e.getKey() + "\"")) {
                    return e.getValue();
                }
            }
            return List.of("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command is unknown\"}}");
        });
    }

    private void serve(Function<String, List<String>> replies) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                        StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(client);
                write(out, GREETING);
                String line;
                while ((line = in.readLine()) != null) {
                    received.add(line);
                    for (String reply : replies.apply(line)) {
                        write(out, reply);
                    }
                }
            } catch (IOException e) {
                // the client went away, or the server was closed
            }
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
