package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.ImageBuilds;
import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.spec.CloudImageNames;
import io.altostratus.core.spec.ImageImportSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alto images}: lists images; {@code images latest} resolves one; {@code images import} makes one of a cloud
 * image file or URL; {@code images rm} deletes one.
 */
@Command(name = "images", description = "List images (newest first within each distro and release).",
        subcommands = {ImagesCommand.Latest.class, ImagesCommand.Import.class, ImagesCommand.Build.class,
                ImagesCommand.Remove.class})
public final class ImagesCommand extends CloudCommand {
    @Option(names = "--distro", paramLabel = "DISTRO", description = "ubuntu, debian, amazon-linux, ...")
    String distro;

    @Option(names = "--release", paramLabel = "RELEASE", description = "e.g. 24.04, 12, 2023.")
    String release;

    @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64/amd64 or arm64/aarch64.")
    String arch;

    @Option(names = "--owner", paramLabel = "OWNER", split = ",",
            description = "Owner account id or alias: self, amazon, canonical (repeatable).")
    List<String> owners = new ArrayList<>();

    @Option(names = "--name", paramLabel = "PATTERN", description = "Image name; * and ? match.")
    String name;

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        ImageQuery query = new ImageQuery(null, new HashSet<>(owners), name, distro, release,
                arch == null ? null : Architecture.parse(arch), null);
        List<Image> images = new ArrayList<>(cloud.images(query));
        images.sort(Comparator.comparing((Image i) -> String.valueOf(i.distro()))
                .thenComparing(i -> String.valueOf(i.release()))
                .thenComparing(Image::creationDate, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Image::id));
        out.list(images, i -> i, Tables.images());
        return ExitCode.OK;
    }

    /** {@code alto images latest ubuntu 24.04 [--arch arm64]}. */
    @Command(name = "latest", description = "Show the newest available image of a distro release.")
    public static final class Latest extends CloudCommand {
        @Parameters(index = "0", paramLabel = "DISTRO", description = "ubuntu, debian, amazon-linux, ...")
        String distro;

        @Parameters(index = "1", paramLabel = "RELEASE", defaultValue = "latest",
                description = "e.g. 24.04 (default: the newest release).")
        String release;

        @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "x86_64",
                description = "x86_64/amd64 or arm64/aarch64 (default: ${DEFAULT-VALUE}).")
        String arch;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            out.object(cloud.latestImage(distro, release, Architecture.parse(arch)));
            return ExitCode.OK;
        }
    }

    /** {@code alto images import FILE|URL [--name N] [--distro D --release R] [--zone Z]}. */
    @Command(name = "import", description = "Make an image (a template on Proxmox and vSphere) of a cloud image file "
            + "or http(s) URL; the distro and release are read from the name unless given.")
    public static final class Import extends CloudCommand {
        @Parameters(paramLabel = "FILE|URL", description = "A qcow2, raw or VMDK file, or an http(s) URL to one.")
        String source;

        @Option(names = "--name", paramLabel = "NAME", description = "The image's name (default: from the source).")
        String name;

        @Option(names = "--distro", paramLabel = "DISTRO", description = "ubuntu, debian, ... (default: guessed).")
        String distro;

        @Option(names = "--release", paramLabel = "RELEASE", description = "e.g. 24.04, 12 (default: guessed).")
        String release;

        @Option(names = "--zone", paramLabel = "ZONE",
                description = "Where to place it: a Proxmox node, a vSphere cluster or host (default: the provider's choice).")
        String zone;

        @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "x86_64",
                description = "x86_64/amd64 or arm64/aarch64 (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
                description = "A tag (repeatable).")
        List<Args.Tag> tags = new ArrayList<>();

        private ImageImportSpec spec;

        @Override
        protected void validate() {
            boolean url = source.startsWith("http://") || source.startsWith("https://");
            Path file = url ? null : Path.of(source);
            if (file != null && !Files.isRegularFile(file)) {
                throw new UsageException("no image file " + source + " (give a file or an http(s) URL)");
            }
            if ((distro == null) != (release == null)) {
                throw new UsageException("give --distro and --release together, or neither to read them from the name");
            }
            String d = distro;
            String r = release;
            if (d == null) {
                CloudImageNames.DistroRelease guessed = CloudImageNames.guess(source).orElse(null);
                d = guessed == null ? null : guessed.distro();
                r = guessed == null ? null : guessed.release();
            }
            spec = new ImageImportSpec(file, url ? URI.create(source) : null, name, d, r, zone,
                    Architecture.parse(arch), Args.tags(tags));
        }

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            ImageImports imports = cloud.require(ImageImports.class);
            note("importing " + source + (spec.distro() == null ? " (no distro and release: it will answer only its id)"
                    : " as " + spec.distro() + ":" + spec.release()) + "; this can take minutes");
            out.object(imports.importImage(spec));
            return ExitCode.OK;
        }
    }

    /** {@code alto images build ALIAS}: an image made from a distribution's packages (the qemu provider). */
    @Command(name = "build", description = "Build an image from a distribution's packages, with nothing but its "
            + "package mirror (qemu: debian:12, kernel, cloud-init, openssh-server, the guest agent); cached, so a "
            + "second build of the same recipe returns at once.")
    public static final class Build extends CloudCommand {
        @Parameters(paramLabel = "ALIAS", description = "What to build, e.g. debian:12.")
        String alias;

        @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64/amd64 or arm64/aarch64 (default: the "
                + "alias's, else x86_64); arm64 on an x86_64 machine builds through qemu-user-static.")
        String arch;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
                description = "A tag (repeatable).")
        List<Args.Tag> tags = new ArrayList<>();

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            ImageBuilds builds = cloud.require(ImageBuilds.class);
            String what = arch == null ? alias : alias + "/" + Architecture.parse(arch).debianName();
            note("building " + what + " (the first build downloads packages and takes minutes)");
            out.object(builds.buildImage(what, Args.tags(tags)));
            return ExitCode.OK;
        }
    }

    /** {@code alto images rm ID}. */
    @Command(name = "rm", description = "Delete (deregister) an image you made.")
    public static final class Remove extends CloudCommand {
        @Parameters(paramLabel = "ID", description = "Image id.")
        String id;

        @Option(names = "--keep-snapshots", description = "Keep the snapshots behind the image.")
        boolean keepSnapshots;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            cloud.deleteImage(id, !keepSnapshots);
            note("deleted image " + id);
            return ExitCode.OK;
        }
    }
}
