package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.cloudinit.CloudConfig;
import io.altostratus.cloudinit.MultipartUserData;
import io.altostratus.cloudinit.PartType;
import io.altostratus.cloudinit.User;
import io.altostratus.cloudinit.UserDataEncoding;
import io.altostratus.cloudinit.WriteFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alto cloud-init render}: prints {@code #cloud-config} user data built from flags, merged over
 * {@code --from}; with {@code --script} it prints multi-part MIME user data (the cloud-config first, then the
 * scripts in order).
 */
@Command(name = "render", description = "Print cloud-config user data (multi-part MIME when --script is given).")
public final class CloudInitRenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hostname", paramLabel = "H", description = "Host name to set.")
    String hostname;

    @Option(names = "--fqdn", paramLabel = "NAME", description = "Fully qualified domain name to set.")
    String fqdn;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Time zone, e.g. Europe/Paris.")
    String timezone;

    @Option(names = "--user", paramLabel = "U",
            description = "Create login U with passwordless sudo and bash, holding the --ssh-key keys "
                    + "(without --user the keys go to the image's default user).")
    String user;

    @Option(names = "--ssh-key", paramLabel = "FILE",
            description = "A public key file (every key line in it), or a key itself (repeatable).")
    List<String> sshKeys = new ArrayList<>();

    @Option(names = "--package", paramLabel = "P", description = "A package to install (repeatable).")
    List<String> packages = new ArrayList<>();

    @Option(names = "--upgrade", description = "Update the package index and upgrade all packages on first boot.")
    boolean upgrade;

    @Option(names = "--runcmd", paramLabel = "CMD", description = "A shell command run once on first boot (repeatable).")
    List<String> runcmd = new ArrayList<>();

    @Option(names = "--bootcmd", paramLabel = "CMD", description = "A shell command run early on every boot (repeatable).")
    List<String> bootcmd = new ArrayList<>();

    @Option(names = "--write-file", paramLabel = "PATH=FILE",
            description = "Write local FILE's bytes to PATH on the instance (repeatable; binary goes base64).")
    List<String> writeFiles = new ArrayList<>();

    @Option(names = "--final-message", paramLabel = "TEXT", description = "What cloud-init logs when it is done.")
    String finalMessage;

    @Option(names = "--script", paramLabel = "FILE",
            description = "A script (#!...) or other part to run after the cloud-config; makes the output "
                    + "multi-part MIME (repeatable).")
    List<Path> scripts = new ArrayList<>();

    @Option(names = "--from", paramLabel = "FILE",
            description = "An existing cloud-config (or - for stdin) to start from: flags add to its lists "
                    + "and replace its single values.")
    String from;

    @Option(names = "--gzip", description = "Print gzip then base64 (for EC2 UserData), refusing more than 16 KiB.")
    boolean gzip;

    @Option(names = "--base64", description = "Print base64 (for EC2 UserData), refusing more than 16 KiB.")
    boolean base64;

    @Override
    public Integer call() {
        CloudConfig.Builder b = CloudConfig.builder();
        if (from != null) {
            b.merge(Args.readText(from, ((Main) spec.root().userObject()).environment().stdin(), "cloud-config"));
        }
        b.hostname(hostname).fqdn(fqdn).timezone(timezone).finalMessage(finalMessage);
        List<String> keys = new ArrayList<>();
        for (String k : sshKeys) {
            keys.addAll(readKeys(k));
        }
        if (user != null) {
            b.user(User.admin(user, keys));
        } else {
            keys.forEach(b::sshAuthorizedKey);
        }
        packages.forEach(b::packages);
        if (upgrade) {
            b.packageUpdate(true).packageUpgrade(true);
        }
        runcmd.forEach(b::runcmd);
        bootcmd.forEach(b::bootcmd);
        for (String mapping : writeFiles) {
            int eq = mapping.indexOf('=');
            if (eq <= 0 || eq == mapping.length() - 1) {
                throw new UsageException("--write-file wants PATH=FILE, not '" + mapping + "'");
            }
            String target = mapping.substring(0, eq);
            byte[] content = read(Path.of(mapping.substring(eq + 1)), "--write-file");
            try {
                b.writeFile(WriteFile.bytes(target, content));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--write-file " + mapping + ": " + e.getMessage(), e);
            }
        }
        CloudConfig config = b.build();
        byte[] userData;
        if (scripts.isEmpty()) {
            userData = config.renderBytes();
        } else {
            MultipartUserData.Builder mime = MultipartUserData.builder().cloudConfig(config);
            for (Path script : scripts) {
                byte[] content = read(script, "--script");
                String text = new String(content, StandardCharsets.UTF_8);
                PartType type;
                try {
                    type = PartType.sniff(text);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(script + ": " + e.getMessage());
                }
                mime.part(type, safeName(script), content);
            }
            userData = mime.build().renderBytes();
        }
        var out = spec.commandLine().getOut();
        if (gzip || base64) {
            out.println(UserDataEncoding.forEc2(userData, gzip));
        } else {
            out.print(new String(userData, StandardCharsets.UTF_8));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /** A key given inline, or every key line of a file (blank lines and # comments skipped). */
    private static List<String> readKeys(String source) {
        if (source.matches("(ssh-|ecdsa-|sk-)\\S+ \\S+.*")) {
            return List.of(source.strip());
        }
        String text = new String(read(Path.of(source), "--ssh-key"), StandardCharsets.UTF_8);
        List<String> keys = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (keys.isEmpty()) {
            throw new UsageException("--ssh-key " + source + " holds no key");
        }
        for (String k : keys) {
            if (k.contains("PRIVATE KEY")) {
                throw new UsageException("--ssh-key " + source + " is a private key; give the .pub file");
            }
        }
        return keys;
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(what + " file not found: " + file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String safeName(Path script) {
        String name = script.getFileName().toString().replaceAll("[^A-Za-z0-9._+-]", "_");
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
