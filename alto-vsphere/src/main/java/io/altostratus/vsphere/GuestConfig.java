package io.altostratus.vsphere;

import io.altostratus.cloudinit.CloudConfig;
import io.altostratus.cloudinit.MultipartUserData;
import io.altostratus.cloudinit.NoCloudSeed;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.vsphere.internal.GuestInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How cloud-init in a new VM gets its instance id, host name, SSH key and user data, either way ESXi users need:
 * <ul>
 *   <li>{@code guestinfo} (the default): cloud-init's VMware datasource reads {@code guestinfo.metadata} and
 *       {@code guestinfo.userdata} (base64) from the VM's extraConfig, set in the clone's config spec
 *       ({@link GuestInfo}).</li>
 *   <li>{@code nocloud}: for images whose cloud-init lacks that datasource, a NoCloud seed ISO ({@code cidata}) is
 *       uploaded to the datastore as {@code alto-seeds/INSTANCE-UUID.iso} and attached as a CD-ROM connected at
 *       power-on; terminating the instance deletes it.</li>
 * </ul>
 * A template chooses with its tag {@code alto-guest-config} ({@code guestinfo} or {@code nocloud}); without it
 * {@code guest_config} of {@code [vsphere]} decides.
 */
final class GuestConfig {
    static final String SEED_DIR = "alto-seeds";

    private final VsphereSession session;

    GuestConfig(VsphereSession session) {
        this.session = session;
    }

    static Map<String, String> guestinfo(String instanceId, String hostname, String publicKey, byte[] userData) {
        return GuestInfo.keys(instanceId, hostname, publicKey == null ? List.of() : List.of(publicKey), userData);
    }

    /** A DNS label for the guest's host name. */
    static String hostname(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return n.isEmpty() ? "vm" : n.length() > 63 ? n.substring(0, 63).replaceAll("-+$", "") : n;
    }

    /** The datastore path of an instance's seed ISO, {@code [ds] alto-seeds/UUID.iso}. */
    static String seedPath(String datastore, String instanceUuid) {
        return "[" + datastore + "] " + SEED_DIR + "/" + instanceUuid + ".iso";
    }

    /** The NoCloud user data: the caller's, with the SSH key added as cloud-config. */
    static byte[] nocloudUserData(String publicKey, byte[] userData) {
        if (publicKey == null) {
            return userData != null ? userData : (CloudConfig.HEADER + "\n{}\n").getBytes(StandardCharsets.UTF_8);
        }
        CloudConfig keys = CloudConfig.builder().sshAuthorizedKey(publicKey).build();
        if (userData == null) {
            return keys.renderBytes();
        }
        String text = new String(userData, StandardCharsets.UTF_8);
        if (text.startsWith(CloudConfig.HEADER)) {
            return CloudConfig.builder().merge(text).sshAuthorizedKey(publicKey).build().renderBytes();
        }
        return MultipartUserData.builder().cloudConfig(keys).sniffed("user-data", text).build().renderBytes();
    }

    /** Writes the seed ISO and puts it into the datastore. */
    void uploadSeed(String seedPath, String instanceUuid, String hostname, String publicKey, byte[] userData) {
        NoCloudSeed seed = NoCloudSeed.builder().userData(nocloudUserData(publicKey, userData))
                .instanceId(instanceUuid).hostname(hostname).time(session.clock().instant()).build();
        String datastore = seedPath.substring(1, seedPath.indexOf(']'));
        String file = seedPath.substring(seedPath.indexOf(']') + 2);
        VsphereSession.Datacenter dc = session.datacenter();
        Path iso = null;
        try {
            iso = Files.createTempFile("alto-seed-", ".iso");
            seed.writeTo(iso);
            Path upload = iso;
            session.run("MakeDirectory", () -> session.vim().makeDirectory("[" + datastore + "] " + SEED_DIR,
                    dc.ref()));
            session.run("upload " + seedPath, () -> session.vim().client().upload(upload, file, dc.name(),
                    datastore));
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "SeedFailed", "cannot write the seed ISO: "
                    + e.getMessage(), e);
        } finally {
            if (iso != null) {
                try {
                    Files.deleteIfExists(iso);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    void deleteSeed(String seedPath) {
        VsphereSession.Datacenter dc = session.datacenter();
        session.run("DeleteDatastoreFile_Task " + seedPath, () -> session.vim().deleteFile(seedPath, dc.ref()));
    }
}
