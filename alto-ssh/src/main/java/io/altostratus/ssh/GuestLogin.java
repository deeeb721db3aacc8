package io.altostratus.ssh;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.GuestEndpoint;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spi.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How to log in to a cloud instance: its address (public, else private), the image's default user, and the
 * private key of the key pair it was launched with. Host keys are recorded under the instance id.
 *
 * @param user      a login user that overrides the image's default, or null
 * @param port      the SSH port
 * @param identity  a key file that overrides the launch key, or null
 * @param keyDirs   where private keys of key pairs are looked for, as {@code NAME}, {@code NAME.pem} or
 *                  {@code NAME.key}, in order
 * @param useAgent  whether to also offer the SSH agent's keys
 * @param jump      a jump host, or null
 */
public record GuestLogin(String user, int port, Path identity, List<Path> keyDirs, boolean useAgent, SshTarget jump) {
    public GuestLogin {
        keyDirs = keyDirs == null ? List.of() : List.copyOf(keyDirs);
    }

    /**
     * The key directories alto looks in: {@code <config>/alto/keys} (where the aws provider keeps the private keys of
     * the key pairs it made, per region, and where a user may keep what {@code alto keys create --out} wrote) and
     * {@code ~/.ssh}.
     */
    public static List<Path> defaultKeyDirs(Path configHome, Path home) {
        return List.of(configHome.resolve("alto/keys"), home.resolve(".ssh"));
    }

    /** Fails with UNSUPPORTED unless the provider's instances run a guest reachable over SSH. */
    public static void requireGuestAccess(Cloud cloud) {
        if (!cloud.supports(Capability.GUEST_ACCESS)) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "UnsupportedOperation", "provider '"
                    + cloud.providerName() + "' has no guest access: its instances run no operating system to "
                    + "log in to (no SSH, exec, copy or readiness check)");
        }
    }

    /** The target for a running instance of {@code cloud}, checking guest access first. */
    public SshTarget target(Cloud cloud, String instanceId) {
        requireGuestAccess(cloud);
        Instance instance = cloud.instance(instanceId);
        if (instance.state() != InstanceState.RUNNING) {
            throw new AltoException(ErrorCode.INVALID_STATE, "IncorrectInstanceState", "instance " + instanceId
                    + " is " + instance.state().wireName() + ", not running");
        }
        return target(instance, user != null ? null : imageOf(cloud, instance));
    }

    /**
     * The target for an instance whose image is known (or null when it is not). A guest the provider reaches
     * elsewhere ({@link GuestEndpoint}: a local hypervisor's forwarded loopback port) is logged into there, on its
     * port unless another was asked for, as the provider's login user when the image does not tell one.
     */
    public SshTarget target(Instance instance, Image image) {
        Optional<GuestEndpoint> endpoint = instance.details(GuestEndpoint.class);
        String address = endpoint.map(GuestEndpoint::sshHost).or(() -> address(instance)).orElseThrow(() ->
                new AltoException(ErrorCode.INVALID_STATE, "IncorrectInstanceState", "instance " + instance.id()
                        + " has no IP address yet"));
        int sshPort = endpoint.isPresent() && port == SshTarget.DEFAULT_PORT ? endpoint.get().sshPort() : port;
        String login = user != null ? user : defaultUser(image, instance)
                .or(() -> endpoint.map(GuestEndpoint::loginUser)).orElseThrow(() ->
                        AltoException.invalid("InvalidParameterValue", "cannot tell the login user of instance "
                                + instance.id() + " from its image " + instance.imageId() + ": give --user"));
        List<Path> keys = new ArrayList<>();
        if (identity != null) {
            keys.add(identity);
        } else if (instance.keyName() != null) {
            findKey(instance.keyName(), instance.region()).ifPresent(keys::add);
        }
        if (keys.isEmpty() && !useAgent) {
            throw AltoException.invalid("InvalidParameterValue", "no private key for instance " + instance.id()
                    + (instance.keyName() == null ? " (launched without a key pair)"
                    : " (looked for key pair '" + instance.keyName() + "' in " + keyDirs + ")")
                    + ": give --identity");
        }
        return new SshTarget(address, sshPort, login, instance.id(), keys, useAgent, jump);
    }

    /**
     * The first existing key file for a key pair name: in each key directory, first under the region's
     * sub-directory (where the aws provider keeps the keys it made, {@code <region>/<name>.pem}), then directly.
     */
    public Optional<Path> findKey(String keyName, String region) {
        for (Path dir : keyDirs) {
            List<Path> places = region == null ? List.of(dir) : List.of(dir.resolve(region), dir);
            for (Path place : places) {
                for (String candidate : List.of(keyName, keyName + ".pem", keyName + ".key")) {
                    Path file = place.resolve(candidate);
                    if (Files.isRegularFile(file)) {
                        return Optional.of(file);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Public address, else private. */
    public static Optional<String> address(Instance instance) {
        if (instance.publicIp() != null && !instance.publicIp().isBlank()) {
            return Optional.of(instance.publicIp());
        }
        return Optional.ofNullable(instance.privateIp()).filter(s -> !s.isBlank());
    }

    /**
     * The cloud images' conventional login user: {@code ubuntu} on Ubuntu, {@code admin} on Debian,
     * {@code ec2-user} on Amazon Linux (and RHEL-likes), from the image's distro, else from its name.
     */
    public static Optional<String> defaultUser(Image image, Instance instance) {
        String distro = image == null || image.distro() == null ? "" : image.distro().toLowerCase(Locale.ROOT);
        String name = image == null || image.name() == null ? "" : image.name().toLowerCase(Locale.ROOT);
        String hint = distro.isEmpty() ? name : distro;
        if (hint.contains("ubuntu")) {
            return Optional.of("ubuntu");
        }
        if (hint.contains("debian")) {
            return Optional.of("admin");
        }
        if (hint.contains("amazon") || hint.contains("amzn") || hint.startsWith("al20") || hint.contains("rhel")
                || hint.contains("fedora")) {
            return Optional.of("ec2-user");
        }
        if (hint.contains("rocky")) {
            return Optional.of("rocky");
        }
        return Optional.empty();
    }

    private static Image imageOf(Cloud cloud, Instance instance) {
        if (instance.imageId() == null) {
            return null;
        }
        try {
            return cloud.image(instance.imageId());
        } catch (AltoException e) {
            // A deregistered image still leaves a running instance to log in to; --user then decides.
            return null;
        }
    }
}
