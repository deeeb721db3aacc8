package io.altostratus.ssh.internal;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A client of the OpenSSH agent protocol over the agent's Unix socket. MINA's own agent client needs the Tomcat
 * native library; the JDK has spoken Unix sockets since 16, and the two requests alto needs (list keys, sign) are
 * small, so they are spoken here directly (draft-miller-ssh-agent). Read-only: adding or removing keys is refused.
 */
public final class AgentClient implements SshAgent {
    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    private static final int RSA_SHA2_256 = 2;
    private static final int RSA_SHA2_512 = 4;
    private static final int MAX_MESSAGE = 256 * 1024;

    private final SocketChannel channel;

    private AgentClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to the agent at {@code socket}. */
    public static SshAgent open(Path socket) throws IOException {
        return new AgentClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    /** An agent with no keys, for sessions that asked for none. */
    public static SshAgent none() {
        return new AgentClient(null);
    }

    @Override
    public synchronized Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        if (channel == null) {
            return List.of();
        }
        Buffer reply = call(new byte[] {REQUEST_IDENTITIES});
        if (reply.getByte() != IDENTITIES_ANSWER) {
            throw new SshException("the SSH agent refused to list its keys");
        }
        int count = reply.getInt();
        List<Map.Entry<PublicKey, String>> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] blob = reply.getBytes();
            String comment = reply.getString();
            try {
                keys.add(new SimpleImmutableEntry<>(new ByteArrayBuffer(blob).getRawPublicKey(), comment));
            } catch (SshException | RuntimeException unsupported) {
                // A key type this JVM cannot parse (e.g. a security key) is skipped, not fatal: others may work.
            }
        }
        return keys;
    }

    @Override
    public synchronized Map.Entry<String, byte[]> sign(SessionContext session, PublicKey key, String algorithm,
                                                       byte[] data) throws IOException {
        ByteArrayBuffer request = new ByteArrayBuffer();
        request.putByte(SIGN_REQUEST);
        ByteArrayBuffer keyBlob = new ByteArrayBuffer();
        keyBlob.putRawPublicKey(key);
        request.putBytes(keyBlob.getCompactData());
        request.putBytes(data);
        int flags = "rsa-sha2-256".equals(algorithm) ? RSA_SHA2_256 : "rsa-sha2-512".equals(algorithm) ? RSA_SHA2_512 : 0;
        request.putInt(flags);
        Buffer reply = call(request.getCompactData());
        if (reply.getByte() != SIGN_RESPONSE) {
            throw new SshException("the SSH agent refused to sign with the " + key.getAlgorithm() + " key");
        }
        Buffer signature = new ByteArrayBuffer(reply.getBytes());
        String format = signature.getString();
        return new SimpleImmutableEntry<>(format, signature.getBytes());
    }

    private Buffer call(byte[] message) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(4 + message.length);
        out.putInt(message.length).put(message).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer length = readFully(4);
        int size = length.getInt();
        if (size <= 0 || size > MAX_MESSAGE) {
            throw new SshException("the SSH agent sent a malformed answer (length " + size + ")");
        }
        return new ByteArrayBuffer(readFully(size).array());
    }

    private ByteBuffer readFully(int size) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(size);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new SshException("the SSH agent closed the connection");
            }
        }
        in.flip();
        return in;
    }

    @Override
    public void addIdentity(KeyPair key, String comment, SshAgentKeyConstraint... constraints) {
        throw new UnsupportedOperationException("alto only reads from the SSH agent");
    }

    @Override
    public void removeIdentity(PublicKey key) {
        throw new UnsupportedOperationException("alto only reads from the SSH agent");
    }

    @Override
    public void removeAllIdentities() {
        throw new UnsupportedOperationException("alto only reads from the SSH agent");
    }

    @Override
    public boolean isOpen() {
        return channel == null || channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
