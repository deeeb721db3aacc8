package io.altostratus.core.model;

/**
 * Provider details of an instance whose guest's SSH server is reached somewhere other than its address on port 22:
 * a local hypervisor's machine behind a forwarded loopback port ({@code 127.0.0.1:40022}). SSH clients log in
 * there instead, and use {@link #loginUser()} when the image's conventional user does not apply.
 */
public interface GuestEndpoint extends ProviderDetails {
    /** The host to connect to. */
    String sshHost();

    /** The TCP port of the guest's SSH server on that host. */
    int sshPort();

    /** The user cloud-init made by default on the guest, or null when the provider does not know it. */
    String loginUser();
}
