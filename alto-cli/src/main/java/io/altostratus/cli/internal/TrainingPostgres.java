package io.altostratus.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stand-in for a PostgreSQL server, for the start-up cache's training only: it speaks the wire protocol (version 3:
 * start-up, the simple and the extended query flows) well enough for the PostgreSQL driver to open a connection and
 * run a store's statements, and answers every SELECT with one made-up row, so that the training loads the driver's
 * classes for everything a command on a PostgreSQL store does. No machine that trains the cache is expected to run a
 * database; without this, what follows the connection was read from the jar by every command (about 0.1 s).
 *
 * <p>Rows are typed by their column names as the store's statements spell them: counts and {@code seq}, {@code ix},
 * {@code value} as bigints, an {@code IS NOT NULL} test as true (tables exist), {@code json} as an empty object, the
 * rest as text. One connection at a time; it lives as long as the training.
 */
final class TrainingPostgres implements AutoCloseable {

    private static final int INT8 = 20;
    private static final int TEXT = 25;
    private static final int BOOL = 16;

    private final ServerSocket server;
    private final Thread thread;

    private TrainingPostgres(ServerSocket server) {
        this.server = server;
        this.thread = Thread.ofPlatform().daemon().name("alto-training-postgres").start(this::serve);
    }

    /** Starts listening on a free loopback port. */
    static TrainingPostgres start() throws IOException {
        return new TrainingPostgres(new ServerSocket(0, 4, InetAddress.getLoopbackAddress()));
    }

    /** A store URL on this stand-in. */
    String url() {
        return "postgresql://alto@127.0.0.1:" + server.getLocalPort() + "/alto";
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                new Session(socket.getInputStream(), socket.getOutputStream()).run();
            } catch (IOException e) {
                // The client went away (or the stand-in closed): wait for the next.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection: start-up, then messages until Terminate. */
    private static final class Session {
        private final DataInputStream in;
        private final DataOutputStream out;
        private char status = 'I';
        private final java.util.Map<String, String> statements = new java.util.HashMap<>();
        private String parsed = "";
        private short[] formats = new short[0]; // the result format codes of the last Bind (0 text, 1 binary)

        Session(InputStream in, OutputStream out) {
            this.in = new DataInputStream(in);
            this.out = new DataOutputStream(new java.io.BufferedOutputStream(out));
        }

        void run() throws IOException {
            startUp();
            while (true) {
                int type = in.read();
                if (type < 0 || type == 'X') {
                    return;
                }
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                switch (type) {
                    case 'Q' -> simpleQuery(cString(body, 0));
                    case 'P' -> {
                        int nameEnd = indexOf(body, 0);
                        parsed = cString(body, nameEnd + 1);
                        statements.put(cString(body, 0), parsed);
                        message('1', new byte[0]);
                    }
                    case 'B' -> {
                        int portalEnd = indexOf(body, 0);
                        parsed = statements.getOrDefault(cString(body, portalEnd + 1), parsed);
                        formats = resultFormats(body);
                        message('2', new byte[0]);
                    }
                    case 'D' -> {
                        if (body[0] == 'S') {
                            parsed = statements.getOrDefault(cString(body, 1), parsed);
                        }
                        describe(body[0] == 'S');
                    }
                    case 'E' -> execute(parsed);
                    case 'C' -> message('3', new byte[0]);
                    case 'S' -> ready();
                    default -> {
                        // Flush and anything else need no answer.
                    }
                }
            }
        }

        private void startUp() throws IOException {
            while (true) {
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
                if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: not here
                    out.write('N');
                    out.flush();
                    continue;
                }
                break;
            }
            message('R', int32(0));
            for (String[] parameter : new String[][] {{"server_version", "15.0"}, {"client_encoding", "UTF8"},
                    {"DateStyle", "ISO, MDY"}, {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"},
                    {"TimeZone", "UTC"}, {"server_encoding", "UTF8"}, {"is_superuser", "off"}}) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                cString(b, parameter[0]);
                cString(b, parameter[1]);
                message('S', b.toByteArray());
            }
            ByteArrayOutputStream key = new ByteArrayOutputStream();
            key.writeBytes(int32(4242));
            key.writeBytes(int32(1));
            message('K', key.toByteArray());
            ready();
        }

        private void simpleQuery(String sql) throws IOException {
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    formats = new short[0];
                    if (!columns(statement).isEmpty()) {
                        rowDescription(statement);
                    }
                    execute(statement);
                }
            }
            ready();
        }

        private void describe(boolean statement) throws IOException {
            if (statement) {
                int parameters = (int) parsed.chars().filter(c -> c == '$').count();
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.writeBytes(int16(parameters));
                for (int i = 0; i < parameters; i++) {
                    b.writeBytes(int32(TEXT));
                }
                message('t', b.toByteArray());
            }
            if (columns(parsed).isEmpty()) {
                message('n', new byte[0]);
            } else {
                rowDescription(parsed);
            }
        }

        private void execute(String sql) throws IOException {
            String upper = sql.strip().toUpperCase(Locale.ROOT);
            List<Integer> types = columns(sql);
            if (!types.isEmpty()) {
                ByteArrayOutputStream row = new ByteArrayOutputStream();
                row.writeBytes(int16(types.size()));
                for (int i = 0; i < types.size(); i++) {
                    byte[] value = value(types.get(i), columnName(sql, i), binary(i));
                    row.writeBytes(int32(value.length));
                    row.writeBytes(value);
                }
                message('D', row.toByteArray());
            }
            String tag;
            if (upper.startsWith("BEGIN")) {
                status = 'T';
                tag = "BEGIN";
            } else if (upper.startsWith("COMMIT") || upper.startsWith("ROLLBACK")) {
                status = 'I';
                tag = upper.startsWith("COMMIT") ? "COMMIT" : "ROLLBACK";
            } else if (upper.startsWith("SELECT") || !types.isEmpty()) {
                tag = "SELECT " + (types.isEmpty() ? 0 : 1);
            } else if (upper.startsWith("INSERT")) {
                tag = "INSERT 0 1";
            } else {
                tag = upper.split("\\s+")[0] + (upper.startsWith("UPDATE") || upper.startsWith("DELETE") ? " 0" : "");
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            cString(b, tag);
            message('C', b.toByteArray());
        }

        private void rowDescription(String sql) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            List<Integer> types = columns(sql);
            b.writeBytes(int16(types.size()));
            for (int i = 0; i < types.size(); i++) {
                int type = types.get(i);
                cString(b, columnName(sql, i));
                b.writeBytes(int32(0));
                b.writeBytes(int16(0));
                b.writeBytes(int32(type));
                b.writeBytes(int16(type == INT8 ? 8 : type == BOOL ? 1 : -1));
                b.writeBytes(int32(-1));
                b.writeBytes(int16(binary(i) ? 1 : 0));
            }
            message('T', b.toByteArray());
        }

        private boolean binary(int column) {
            return formats.length == 1 ? formats[0] == 1 : column < formats.length && formats[column] == 1;
        }

        private static byte[] value(int type, String name, boolean binary) {
            if (binary) {
                return switch (type) {
                    case INT8 -> new byte[] {0, 0, 0, 0, 0, 0, 0, 2};
                    case BOOL -> new byte[] {1};
                    default -> text(name);
                };
            }
            return switch (type) {
                case INT8 -> "2".getBytes(StandardCharsets.US_ASCII);
                case BOOL -> "t".getBytes(StandardCharsets.US_ASCII);
                default -> text(name);
            };
        }

        private static byte[] text(String name) {
            return (name.equals("json") ? "{}" : name.equals("id") ? "training-1" : "x")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private void ready() throws IOException {
            message('Z', new byte[] {(byte) status});
            out.flush();
        }

        private void message(int type, byte[] body) throws IOException {
            out.write(type);
            out.writeInt(body.length + 4);
            out.write(body);
        }

        /** The result format codes a Bind message asks for: none (all text), one for all, or one per column. */
        private static short[] resultFormats(byte[] body) {
            int at = indexOf(body, 0) + 1; // portal
            at = indexOf(body, at) + 1; // statement
            int parameterFormats = short16(body, at);
            at += 2 + 2 * parameterFormats;
            int parameters = short16(body, at);
            at += 2;
            for (int i = 0; i < parameters; i++) {
                int length = (body[at] & 0xff) << 24 | (body[at + 1] & 0xff) << 16 | (body[at + 2] & 0xff) << 8
                        | (body[at + 3] & 0xff);
                at += 4 + Math.max(0, length);
            }
            short[] formats = new short[short16(body, at)];
            for (int i = 0; i < formats.length; i++) {
                formats[i] = (short) short16(body, at + 2 + 2 * i);
            }
            return formats;
        }
    }

    /** The result columns of a statement, typed by name; none for a statement that returns no rows. */
    static List<Integer> columns(String sql) {
        List<String> names = columnNames(sql);
        List<Integer> types = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String lower = columnName(sql, i).toLowerCase(Locale.ROOT);
            if (lower.contains("is not null") || lower.startsWith("exists")) {
                types.add(BOOL);
            } else if (lower.startsWith("count(") || List.of("seq", "ix", "value", "revision").contains(lower)) {
                types.add(INT8);
            } else {
                types.add(TEXT);
            }
        }
        return types;
    }

    private static String columnName(String sql, int index) {
        List<String> names = columnNames(sql);
        String name = index < names.size() ? names.get(index) : "x";
        int dot = name.lastIndexOf('.');
        return (dot >= 0 ? name.substring(dot + 1) : name).strip();
    }

    /** The select list of a SELECT (or the RETURNING list of a write), split at its top-level commas. */
    private static List<String> columnNames(String sql) {
        String text = sql.strip();
        String upper = text.toUpperCase(Locale.ROOT);
        String list;
        if (upper.startsWith("SELECT")) {
            int from = upper.indexOf(" FROM ");
            list = text.substring(6, from < 0 ? text.length() : from);
        } else if (upper.contains(" RETURNING ")) {
            list = text.substring(upper.indexOf(" RETURNING ") + 11);
        } else {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                names.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        names.add(list.substring(start).strip());
        return names;
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return body.length;
    }

    private static String cString(byte[] body, int from) {
        return new String(body, from, indexOf(body, from) - from, StandardCharsets.UTF_8);
    }

    private static void cString(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static int short16(byte[] body, int at) {
        return (body[at] & 0xff) << 8 | (body[at + 1] & 0xff);
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] int16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }
}
