package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.CreatedKeyPair;
import io.altostratus.core.model.KeyPair;
import io.altostratus.core.model.KeyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alto keys}: SSH key pairs. */
@Command(name = "keys", description = "List SSH key pairs.",
        subcommands = {KeysCommand.Create.class, KeysCommand.Import.class, KeysCommand.Remove.class})
public final class KeysCommand extends CloudCommand {
    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.list(cloud.require(KeyPairs.class).keyPairs(), k -> k, Tables.keyPairs());
        return ExitCode.OK;
    }

    /**
     * A key pair just made. {@code privateKey} is the key when it was printed, null when it went to
     * {@code privateKeyFile}.
     */
    public record CreatedKeyView(String id, String name, String fingerprint, KeyType type, String publicKey,
                                 Instant createTime, Map<String, String> tags, String privateKey,
                                 String privateKeyFile) {
        static CreatedKeyView of(KeyPair k, String privateKey, Path file) {
            return new CreatedKeyView(k.id(), k.name(), k.fingerprint(), k.type(), k.publicKey(), k.createTime(),
                    k.tags(), privateKey, file == null ? null : file.toAbsolutePath().toString());
        }
    }

    /** {@code alto keys create NAME [--type ed25519|rsa] [--out FILE]}. */
    @Command(name = "create", description = "Create a key pair. The private key goes to --out (mode 0600, never "
            + "overwriting a file), else to stdout.")
    public static final class Create extends CloudCommand {
        @Parameters(paramLabel = "NAME", description = "Key pair name.")
        String name;

        @Option(names = "--type", defaultValue = "ed25519", paramLabel = "TYPE",
                description = "ed25519 or rsa (default: ${DEFAULT-VALUE}).")
        String type;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the private key here (must not exist).")
        Path outFile;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
                description = "A tag (repeatable).")
        List<Args.Tag> tags = new ArrayList<>();

        @Override
        protected void validate() {
            KeyType.parse(type);
            // Checked before the key exists so that a refusal leaves nothing behind in the cloud.
            if (outFile != null && Files.exists(outFile)) {
                throw new UsageException("refusing to overwrite " + outFile);
            }
        }

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            KeyPairs keys = cloud.require(KeyPairs.class);
            CreatedKeyPair created = keys.createKeyPair(name, KeyType.parse(type), Args.tags(tags));
            if (outFile == null) {
                if (out.isTable()) {
                    out.text(created.privateKeyPem().stripTrailing());
                } else {
                    out.object(CreatedKeyView.of(created.keyPair(), created.privateKeyPem(), null));
                }
                return ExitCode.OK;
            }
            try {
                writePrivate(outFile, created.privateKeyPem());
            } catch (RuntimeException e) {
                // The private key exists nowhere else: a key pair nobody can use is worse than none.
                keys.deleteKeyPair(name);
                throw e;
            }
            if (out.isTable()) {
                note("wrote the private key to " + outFile);
            }
            out.object(CreatedKeyView.of(created.keyPair(), null, outFile));
            return ExitCode.OK;
        }

        static void writePrivate(Path file, String pem) {
            String text = pem.endsWith("\n") ? pem : pem + "\n";
            try {
                Path parent = file.toAbsolutePath().getParent();
                boolean posix = Files.getFileStore(parent).supportsFileAttributeView("posix");
                if (posix) {
                    // Created with 0600 from the start: the key is never readable by others, not even briefly.
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (FileAlreadyExistsException e) {
                throw new UsageException("refusing to overwrite " + file);
            } catch (IOException e) {
                throw new UsageException("cannot write the private key to " + file + ": " + Args.reason(e), e);
            }
        }
    }

    /** {@code alto keys import NAME --public-key FILE}. */
    @Command(name = "import", description = "Register an existing public key (OpenSSH format).")
    public static final class Import extends CloudCommand {
        @Parameters(paramLabel = "NAME", description = "Key pair name.")
        String name;

        @Option(names = "--public-key", required = true, paramLabel = "FILE",
                description = "The public key file (FILE, @FILE or - for stdin), e.g. ~/.ssh/id_ed25519.pub.")
        String publicKey;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
                description = "A tag (repeatable).")
        List<Args.Tag> tags = new ArrayList<>();

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            String key = Args.readText(publicKey, main().environment().stdin(), "public key").strip();
            out.object(cloud.require(KeyPairs.class).importKeyPair(name, key, Args.tags(tags)));
            return ExitCode.OK;
        }
    }

    /** {@code alto keys rm NAME}. */
    @Command(name = "rm", description = "Delete a key pair (a name that does not exist is not an error, as in EC2).")
    public static final class Remove extends CloudCommand {
        @Parameters(paramLabel = "NAME", description = "Key pair name.")
        String name;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            cloud.require(KeyPairs.class).deleteKeyPair(name);
            note("deleted key pair " + name);
            return ExitCode.OK;
        }
    }
}
