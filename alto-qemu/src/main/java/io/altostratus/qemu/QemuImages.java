package io.altostratus.qemu;

import io.altostratus.core.ext.ImageBuilds;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.spec.ImageImportSpec;
import io.altostratus.qemu.internal.QemuImg;
import io.altostratus.store.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Images: qcow2 base files under {@code images/ID/} of the provider's directory, registered in the store. They come
 * from imports ({@link ImageImports}: qcow2, raw or VMDK through {@code qemu-img}), from builds ({@link ImageBuilds})
 * and from instances ({@code createImage}).
 */
final class QemuImages implements ImageImports, ImageBuilds {
    static final String DISK = "disk.qcow2";

    private final StateStore store;
    private final String account;
    private final Path imagesDir;
    private final QemuImg qemuImg;
    private final QemuImageBuilder builder;
    private final QemuSettings settings;
    private final Clock clock;

    QemuImages(StateStore store, String account, QemuSettings settings, Clock clock) {
        this.store = store;
        this.account = account;
        this.settings = settings;
        this.imagesDir = settings.root().resolve("images");
        this.qemuImg = new QemuImg(settings.qemuImg());
        this.builder = new QemuImageBuilder(settings.imageCache(), settings.qemuImg(), "mmdebstrap");
        this.clock = clock;
    }

    QemuImageBuilder builder() {
        return builder;
    }

    List<Image> images(ImageQuery query) {
        return store.read(v -> {
            query.ids().forEach(id -> find(v.get(QemuState.IMAGE, account, QemuIds.checkImage(id),
                    QemuState.Img.class), id));
            return v.list(QemuState.IMAGE, account, QemuState.Img.class).stream().map(this::view)
                    .filter(query::matchesIgnoringOwner)
                    .filter(i -> query.owners().isEmpty() || query.owners().contains(account)
                            || query.owners().contains("self"))
                    .toList();
        });
    }

    /** An alias means the newest registered image of that distro, release and architecture. */
    Image resolve(ImageRef ref) {
        return view(resolveRecord(ref));
    }

    QemuState.Img resolveRecord(ImageRef ref) {
        return store.read(v -> {
            if (!ref.isAlias()) {
                return find(v.get(QemuState.IMAGE, account, QemuIds.checkImage(ref.id()), QemuState.Img.class),
                        ref.id());
            }
            boolean latest = "latest".equalsIgnoreCase(ref.release());
            return v.list(QemuState.IMAGE, account, QemuState.Img.class).stream()
                    .filter(i -> ref.distro().equalsIgnoreCase(i.distro()))
                    .filter(i -> latest || ref.release().equalsIgnoreCase(i.release()))
                    .filter(i -> ref.architecture().wireName().equals(i.architecture()))
                    .max(Comparator.comparing(QemuState.Img::created))
                    .orElseThrow(() -> AltoException.notFound("ImageNotFound", "no qemu image matches " + ref
                            + ": build one (debian:12) or import a cloud image file"));
        });
    }

    QemuState.Img record(String id) {
        return store.read(v -> find(v.get(QemuState.IMAGE, account, QemuIds.checkImage(id), QemuState.Img.class),
                id));
    }

    Optional<QemuState.Img> recordIfAny(String id) {
        if (id == null || !QemuIds.isImage(id)) {
            return Optional.empty();
        }
        return store.read(v -> v.get(QemuState.IMAGE, account, id, QemuState.Img.class));
    }

    private static QemuState.Img find(Optional<QemuState.Img> img, String id) {
        return img.orElseThrow(() -> AltoException.notFound("InvalidAMIID.NotFound", "image " + id
                + " does not exist"));
    }

    Image view(QemuState.Img i) {
        return new Image(i.id(), i.name(), i.description(), account, null, i.distro(), i.release(),
                Architecture.parse(i.architecture()), Image.AVAILABLE, false, "/dev/vda",
                (int) Math.max(1, (i.virtualSize() + (1L << 30) - 1) >> 30), List.of(), i.sourceInstanceId(),
                i.created(), i.tags());
    }

    /**
     * Registers a new image whose files {@code fill} writes into its fresh directory (given as the argument);
     * a failure removes the directory and registers nothing.
     */
    QemuState.Img register(String name, String description, String distro, String release, String architecture,
                           String loginUser, String sourceInstanceId, String recipe, String append,
                           boolean withKernel, Map<String, String> tags, Consumer<Path> fill) {
        checkName(name);
        String id = QemuIds.newImageId();
        Path dir = imagesDir.resolve(id);
        try {
            Files.createDirectories(dir);
            fill.accept(dir);
            long size = qemuImg.info(dir.resolve(DISK)).virtualSize();
            QemuState.Img img = new QemuState.Img(id, name, description, distro, release, architecture,
                    dir.resolve(DISK).toString(), withKernel ? dir.resolve(QemuImageBuilder.KERNEL).toString() : null,
                    withKernel ? dir.resolve(QemuImageBuilder.INITRD).toString() : null, append, loginUser, size,
                    sourceInstanceId, clock.instant(), recipe, tags);
            store.write(tx -> {
                if (tx.list(QemuState.IMAGE, account, QemuState.Img.class).stream()
                        .anyMatch(o -> o.name().equals(name))) {
                    throw new AltoException(ErrorCode.ALREADY_EXISTS, "InvalidAMIName.Duplicate",
                            "an image named " + name + " already exists");
                }
                tx.put(QemuState.IMAGE, account, id, img);
                return null;
            });
            return img;
        } catch (IOException e) {
            QemuFiles.deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            QemuFiles.deleteTree(dir);
            throw e;
        }
    }

    private void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw AltoException.invalid("InvalidParameterValue", "an image needs a name");
        }
        boolean taken = store.read(v -> v.list(QemuState.IMAGE, account, QemuState.Img.class).stream()
                .anyMatch(o -> o.name().equals(name)));
        if (taken) {
            throw new AltoException(ErrorCode.ALREADY_EXISTS, "InvalidAMIName.Duplicate", "an image named " + name
                    + " already exists");
        }
    }

    void delete(String imageId, java.util.function.Predicate<String> inUse) {
        QemuState.Img img = record(imageId);
        if (inUse.test(imageId)) {
            throw new AltoException(ErrorCode.DEPENDENCY_VIOLATION, "InvalidAMIID.InUse", "image " + imageId
                    + " is the base of instances that still exist; terminate them first");
        }
        store.write(tx -> {
            tx.delete(QemuState.IMAGE, account, img.id());
            return null;
        });
        QemuFiles.deleteTree(imagesDir.resolve(img.id()));
    }

    void retag(String imageId, java.util.function.UnaryOperator<Map<String, String>> change) {
        store.write(tx -> {
            QemuState.Img img = find(tx.get(QemuState.IMAGE, account, QemuIds.checkImage(imageId),
                    QemuState.Img.class), imageId);
            tx.put(QemuState.IMAGE, account, img.id(), img.withTags(change.apply(img.tags())));
            return null;
        });
    }

    // ---- imports ------------------------------------------------------------------------------------------------

    /**
     * Copies a cloud image (qcow2, raw or VMDK, from a file or an http(s) URL) into a new qcow2 base. The image
     * boots with its own boot loader (no kernel of ours), so it must be a BIOS-bootable cloud image.
     */
    @Override
    public Image importImage(ImageImportSpec spec) {
        Path source = spec.file();
        Path downloaded = null;
        try {
            if (source == null) {
                downloaded = download(spec);
                source = downloaded;
            } else if (!Files.isRegularFile(source)) {
                throw AltoException.invalid("InvalidParameterValue", "no image file at " + source);
            }
            QemuImg.Info info = qemuImg.info(source);
            if (!QemuImg.IMPORTABLE.contains(info.format())) {
                throw AltoException.invalid("UnsupportedImageFormat", source.getFileName() + " is " + info.format()
                        + "; the qemu provider imports qcow2, raw and vmdk");
            }
            if (info.backingFile() != null) {
                throw AltoException.invalid("UnsupportedImageFormat", source.getFileName()
                        + " is an overlay on " + info.backingFile() + "; import a standalone image");
            }
            Path from = source;
            String name = spec.name() != null ? spec.name() : spec.sourceBaseName();
            Map<String, String> tags = Tags.merge(spec.tags(), Map.of());
            QemuState.Img img = register(name, "imported from " + (spec.file() != null ? spec.file() : spec.url()),
                    spec.distro(), spec.release(), spec.architecture().wireName(), null, null, null, null, false,
                    tags, dir -> qemuImg.convertToQcow2(from, info.format(), dir.resolve(DISK)));
            return view(img);
        } finally {
            if (downloaded != null) {
                QemuFiles.deleteTree(downloaded);
            }
        }
    }

    private Path download(ImageImportSpec spec) {
        try {
            Files.createDirectories(imagesDir);
            Path file = Files.createTempFile(imagesDir, "download-", ".img");
            HttpResponse<Path> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(spec.url()).GET().build(),
                            HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() / 100 != 2) {
                Files.deleteIfExists(file);
                throw new AltoException(ErrorCode.NOT_FOUND, "ImageDownloadFailed", "GET " + spec.url()
                        + " answered HTTP " + response.statusCode());
            }
            return file;
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "ImageDownloadFailed", "cannot download "
                    + spec.url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "Interrupted", "download interrupted", e);
        }
    }

    // ---- builds -------------------------------------------------------------------------------------------------

    /**
     * Builds the recipe (or takes it from the cache) and registers it, unless an image of this recipe is registered
     * already. The base file is linked from the cache where the file system allows, else copied, so clearing the
     * cache never breaks an image.
     */
    @Override
    public Image buildImage(String alias, Map<String, String> tags) {
        return view(buildRecord(alias, tags).img());
    }

    /** A registered built image and how it came to be. */
    record BuildResult(QemuState.Img img, QemuImageBuilder.Built built) {
    }

    BuildResult buildRecord(String alias, Map<String, String> tags) {
        ImageRecipe recipe = ImageRecipe.forAlias(alias, settings.mirror());
        Optional<QemuState.Img> existing = store.read(v -> v.list(QemuState.IMAGE, account, QemuState.Img.class)
                .stream().filter(i -> recipe.key().equals(i.recipe())).findFirst());
        if (existing.isPresent()) {
            return new BuildResult(existing.get(), null);
        }
        QemuImageBuilder.Built built = builder.build(recipe);
        if (!built.cached()) {
            new QemuImageCache(settings.imageCache()).prune(settings.imageCacheKeep(), liveRecipes());
        }
        String name = "alto-" + recipe.key();
        QemuState.Img img = register(name, recipe.distro() + " " + recipe.release() + " (" + recipe.suite()
                        + ", " + recipe.arch().debianName() + ") built from Debian packages", recipe.distro(),
                recipe.release(), recipe.arch().wireName(), recipe.loginUser(), null, recipe.key(), recipe.append(),
                true, tags, dir -> {
                    QemuFiles.linkOrCopy(built.root(), dir.resolve(DISK));
                    QemuFiles.linkOrCopy(built.kernel(), dir.resolve(QemuImageBuilder.KERNEL));
                    QemuFiles.linkOrCopy(built.initrd(), dir.resolve(QemuImageBuilder.INITRD));
                });
        return new BuildResult(img, built);
    }

    /** The recipes of the images this account's machines (all but the terminated) run on. */
    Set<String> liveRecipes() {
        return store.read(v -> {
            Set<String> imageIds = new HashSet<>();
            for (QemuState.Vm vm : v.list(QemuState.INSTANCE, account, QemuState.Vm.class)) {
                if (!QemuProvider.WANT_TERMINATED.equals(vm.wanted())) {
                    imageIds.add(vm.imageId());
                }
            }
            Set<String> recipes = new HashSet<>();
            for (QemuState.Img img : v.list(QemuState.IMAGE, account, QemuState.Img.class)) {
                if (img.recipe() != null && imageIds.contains(img.id())) {
                    recipes.add(img.recipe());
                }
            }
            return recipes;
        });
    }

    /** Copies the kernel and initrd of a direct-boot image into a new image's directory. */
    static void copyBootFiles(QemuState.Img from, Path dir) {
        if (from == null || from.kernel() == null) {
            return;
        }
        try {
            Files.copy(Path.of(from.kernel()), dir.resolve(QemuImageBuilder.KERNEL), StandardCopyOption.COPY_ATTRIBUTES);
            if (from.initrd() != null) {
                Files.copy(Path.of(from.initrd()), dir.resolve(QemuImageBuilder.INITRD),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the kernel of image " + from.id() + ": " + e.getMessage(), e);
        }
    }

    Instant now() {
        return clock.instant();
    }
}
