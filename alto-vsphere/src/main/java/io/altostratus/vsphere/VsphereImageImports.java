package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.model.Image;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.spec.ImageImportSpec;
import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.Vim;
import io.altostratus.vsphere.internal.VmdkConverter;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code alto images import --provider vsphere FILE|URL}: the cloud image (downloaded first when a URL) is converted
 * by {@code qemu-img} to a stream-optimized VMDK ({@link io.altostratus.vsphere.internal.VmdkConverter}) and
 * imported the way vSphere takes such disks: ResourcePool.ImportVApp makes the VM (size {@code small}, an LSI Logic
 * controller with an empty thin disk of the image's size, a CD-ROM for NoCloud seeds, a vmxnet3 NIC on
 * {@code network}) and hands out an NFC lease, the disk is POSTed to the lease's URL (the host writes it out in its
 * own format), the lease is completed and the VM marked a template tagged {@code alto-distro}/{@code alto-release},
 * so that {@code ubuntu:24.04} resolves to it. A stream-optimized file merely copied into a datastore is not a disk a
 * VM can use (ESXi wants a descriptor with a flat extent, {@code NAME.vmdk} + {@code NAME-flat.vmdk}), which is why
 * the upload goes through the lease and not through {@code /folder}. A failed import aborts the lease and destroys
 * the VM.
 */
final class VsphereImageImports implements ImageImports {
    private final VsphereSession session;
    private final VsphereImages images;

    VsphereImageImports(VsphereSession session, VsphereImages images) {
        this.session = session;
        this.images = images;
    }

    @Override
    public Image importImage(ImageImportSpec spec) {
        Path work;
        try {
            work = Files.createTempDirectory("alto-import-");
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "ImportFailed", "no temporary directory: "
                    + e.getMessage(), e);
        }
        try {
            Path source = spec.file() != null ? spec.file() : download(spec, work);
            if (!Files.isRegularFile(source)) {
                throw new AltoException(ErrorCode.NOT_FOUND, "FileNotFound", "no image file " + source);
            }
            String name = spec.name() != null && !spec.name().isBlank() ? spec.name() : spec.sourceBaseName();
            Path vmdk = work.resolve(fileName(name) + ".vmdk");
            VmdkConverter.Info converted = new VmdkConverter(session.settings().qemuImg())
                    .toStreamOptimized(source, vmdk);
            return register(spec, name, vmdk, converted);
        } finally {
            delete(work);
        }
    }

    private Image register(ImageImportSpec spec, String name, Path vmdk, VmdkConverter.Info converted) {
        Inventory inventory = Inventory.read(session);
        VsphereSession.Datacenter dc = session.datacenter();
        String datastore = session.settings().datastore() != null ? session.settings().datastore()
                : inventory.datastores().keySet().stream().findFirst().orElseThrow(() -> new AltoException(
                ErrorCode.INVALID_PARAMETER, "NoDatastore", "no datastore in " + dc.name()));
        if (!inventory.datastores().containsKey(datastore)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[vsphere] no datastore '"
                    + datastore + "'");
        }
        String zone = spec.zone() != null ? spec.zone()
                : inventory.poolOfZone().keySet().stream().findFirst().orElse(null);
        MoRef pool = zone == null ? null : inventory.poolOfZone().get(zone);
        if (pool == null) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidZone", "no zone '" + zone + "'");
        }
        MoRef network = inventory.networks().get(session.settings().network());
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        if (spec.distro() != null) {
            tags.put(VsphereImages.DISTRO_TAG, spec.distro().toLowerCase(Locale.ROOT));
        }
        if (spec.release() != null) {
            tags.put(VsphereImages.RELEASE_TAG, spec.release());
        }
        String annotation = AnnotationTags.write("imported cloud image " + name, tags);
        long capacityKiB = Math.max(1, converted.virtualSize() / 1024);
        MoRef lease = session.call("ImportVApp " + name, () -> session.vim().importVm(pool, dc.vmFolder(), b -> {
            b.element("name", name).element("guestId", "otherLinux64Guest").element("annotation", annotation);
            b.open("files").element("vmPathName", "[" + datastore + "]").close();
            b.element("numCPUs", 1).element("memoryMB", 2048);
            b.open("deviceChange").element("operation", "add");
            b.open("device", "VirtualLsiLogicController").element("key", -10).element("busNumber", 0)
                    .element("sharedBus", "noSharing").close().close();
            b.open("deviceChange").element("operation", "add").element("fileOperation", "create");
            b.open("device", "VirtualDisk").element("key", -11);
            b.open("backing", "VirtualDiskFlatVer2BackingInfo").element("fileName", "[" + datastore + "]")
                    .element("diskMode", "persistent").element("thinProvisioned", "true").close();
            b.element("controllerKey", -10).element("unitNumber", 0).element("capacityInKB", capacityKiB);
            b.close().close();
            b.open("deviceChange").element("operation", "add");
            b.open("device", "VirtualCdrom").element("key", -13);
            b.open("backing", "VirtualCdromRemotePassthroughBackingInfo").element("deviceName", "")
                    .element("exclusive", "false").close();
            b.element("controllerKey", 200).element("unitNumber", 0);
            b.close().close();
            if (network != null) {
                b.open("deviceChange").element("operation", "add");
                b.open("device", "VirtualVmxnet3").element("key", -12);
                b.open("backing", "VirtualEthernetCardNetworkBackingInfo")
                        .element("deviceName", session.settings().network()).ref("network", network).close();
                b.open("connectable").element("startConnected", "true").element("allowGuestControl", "true")
                        .element("connected", "false").close();
                b.element("addressType", "generated");
                b.close().close();
            }
        }));
        MoRef vm = null;
        try {
            Vim.Lease ready = session.call("HttpNfcLease " + lease.value(), () -> session.vim().awaitLease(lease));
            vm = ready.vm();
            Vim.DeviceUrl target = ready.devices().stream().filter(Vim.DeviceUrl::disk).findFirst()
                    .orElseThrow(() -> new AltoException(ErrorCode.PROVIDER_ERROR, "NoDiskUrl", "the import lease "
                            + lease.value() + " offers no disk to upload to"));
            session.run("upload " + vmdk.getFileName(), () -> session.vim().client().uploadToLease(target.url(),
                    vmdk));
            session.run("HttpNfcLeaseComplete " + lease.value(), () -> session.vim().completeLease(lease));
            MoRef made = vm;
            session.run("MarkAsTemplate " + made.value(), () -> session.vim().markAsTemplate(made));
            return images.images(new ImageQuery(java.util.Set.of(made.value()), null, null, null, null, null,
                    null)).get(0);
        } catch (RuntimeException e) {
            try {
                session.run("HttpNfcLeaseAbort " + lease.value(), () -> session.vim().abortLease(lease));
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup); // a lease already completed or gone
            }
            if (vm != null) {
                MoRef made = vm;
                try {
                    session.run("Destroy_Task " + made.value(), () -> session.vim().destroy(made));
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static Path download(ImageImportSpec spec, Path work) {
        Path target = work.resolve("download");
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(spec.url()).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new AltoException(response.statusCode() == 404 ? ErrorCode.NOT_FOUND
                            : ErrorCode.PROVIDER_ERROR, "DownloadFailed", spec.url() + ": HTTP "
                            + response.statusCode());
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "DownloadFailed", spec.url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "Interrupted", "download interrupted", e);
        }
    }

    private static String fileName(String name) {
        String n = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return n.isEmpty() ? "image" : n;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the import for
        }
    }
}
