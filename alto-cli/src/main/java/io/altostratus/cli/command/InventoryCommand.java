package io.altostratus.cli.command;

import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Progress;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.ssh.GuestLogin;
import io.altostratus.ssh.Inventory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/** {@code alto inventory [-o ini|yaml]}: an Ansible inventory of the running instances. */
@Command(name = "inventory", description = "Print an Ansible inventory of the running instances (-o ini, the "
        + "default, or -o yaml): ansible_host, ansible_user, ansible_port, ansible_ssh_private_key_file, and a "
        + "group KEY_VALUE per tag.")
public final class InventoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SshSupport ssh;

    @Override
    public Integer call() {
        String format = requestedFormat(spec);
        if (!format.equals("ini") && !format.equals("yaml")) {
            throw new UsageException("inventory prints -o ini or -o yaml, not '" + format + "'");
        }
        Inventory inventory = build(spec, ssh);
        spec.commandLine().getOut().print(format.equals("yaml") ? inventory.yaml() : inventory.ini());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The raw -o value: this verb has formats of its own that the global table/json/yaml parser refuses. */
    static String requestedFormat(CommandSpec spec) {
        OptionSpec option = spec.findOption("--output");
        Object value = option == null ? null : option.getValue();
        String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
        return text.isEmpty() || text.equals("table") ? "ini" : text;
    }

    /** The running instances of the session's provider, each with its login. */
    static Inventory build(CommandSpec spec, SshSupport ssh) {
        Main main = (Main) spec.root().userObject();
        try (Cloud cloud = main.openCloud(new Progress(spec.commandLine().getErr(), false))) {
            GuestLogin.requireGuestAccess(cloud);
            // Keys are optional here: a host without a key file found still belongs in the inventory.
            GuestLogin login = new GuestLogin(ssh.user, ssh.port, ssh.identity, ssh.login(main).keyDirs(), true,
                    null);
            Map<String, Image> images = new HashMap<>();
            List<Instance> running = cloud.instances().stream()
                    .filter(i -> i.state() == InstanceState.RUNNING && GuestLogin.address(i).isPresent())
                    .toList();
            return Inventory.of(running, i -> login.target(i, images.computeIfAbsent(
                    i.imageId() == null ? "" : i.imageId(), id -> image(cloud, id))));
        }
    }

    private static Image image(Cloud cloud, String id) {
        if (id.isEmpty()) {
            return null;
        }
        try {
            return cloud.image(id);
        } catch (AltoException e) {
            return null;
        }
    }
}
