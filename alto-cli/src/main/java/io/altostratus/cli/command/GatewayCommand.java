package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Table;
import io.altostratus.cli.internal.Tables;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AccessKeyInfo;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alto gateway}: administration of the EC2 gateway's state. Works on the state directly (the state directory, or
 * the PostgreSQL store of {@code --store} / {@code [store] url}), so it can run beside live {@code alto serve}
 * processes on the same state, which see a new or deleted key on their next request.
 */
@Command(name = "gateway", description = "Manage the EC2 gateway (alto serve).",
        subcommands = {GatewayCommand.Keys.class})
public final class GatewayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** {@code alto gateway keys}: the access keys EC2 clients sign with. */
    @Command(name = "keys", description = "Manage the gateway's access keys (each belongs to one 12-digit account).",
            subcommands = {Create.class, ListKeys.class, Delete.class})
    public static final class Keys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ExitCode.USAGE.code();
        }
    }

    /** Opens the access keys of the state for the length of one command. */
    abstract static class KeyCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", paramLabel = "URL", description = "The PostgreSQL store the gateway replicas "
                + "share (postgresql://USER@HOST/DATABASE). Default: url in the [store] table of alto.toml, else the "
                + "state directory.")
        String storeFlag;

        /** Where the keys live, for messages. */
        String location;

        Main main() {
            return (Main) spec.root().userObject();
        }

        Output output() {
            return new Output(main().outputFormat(), spec.commandLine().getOut());
        }

        @Override
        public Integer call() {
            String url = ServeCommand.storeUrl(main(), storeFlag);
            // A key command reads and writes a handful of documents: the store is read directly rather than loaded
            // whole (it may hold a large fleet).
            try (StateStore store = url != null ? StateStores.openDirect(url)
                    : StateStores.openDirect(main().stateDirectory())) {
                location = store.location();
                return run(new AccessKeys(store, main().environment().clock()), output()).code();
            }
        }

        abstract ExitCode run(AccessKeys keys, Output out);
    }

    /** {@code alto gateway keys create [--account ID]}: prints the new key id and its secret (shown only now). */
    @Command(name = "create", description = "Create an access key with a random id and secret; the secret is shown "
            + "only now.")
    public static final class Create extends KeyCommand {
        @Option(names = "--account", defaultValue = ProviderContext.DEFAULT_ACCOUNT, paramLabel = "ID",
                description = "The 12-digit account the key acts as (default: ${DEFAULT-VALUE}).")
        String account;

        @Override
        ExitCode run(AccessKeys keys, Output out) {
            AccessKey key = keys.create(account);
            if (out.isTable()) {
                Table.of(AccessKey.class)
                        .col("ACCESS KEY", AccessKey::accessKeyId)
                        .col("SECRET", AccessKey::secretAccessKey)
                        .col("ACCOUNT", AccessKey::account)
                        .render(java.util.List.of(key), spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
            } else {
                out.object(key);
            }
            return ExitCode.OK;
        }
    }

    /** {@code alto gateway keys list}: every key without its secret. */
    @Command(name = "list", aliases = "ls", description = "List access keys (never their secrets).")
    public static final class ListKeys extends KeyCommand {
        @Override
        ExitCode run(AccessKeys keys, Output out) {
            out.list(keys.list(), k -> k, Table.of(AccessKeyInfo.class)
                    .col("ACCESS KEY", AccessKeyInfo::accessKeyId)
                    .col("ACCOUNT", AccessKeyInfo::account)
                    .col("CREATED", k -> Tables.when(k.created())));
            return ExitCode.OK;
        }
    }

    /** {@code alto gateway keys delete KEY}. */
    @Command(name = "delete", aliases = "rm", description = "Delete an access key; clients signing with it are refused "
            + "from then on.")
    public static final class Delete extends KeyCommand {
        @Parameters(paramLabel = "KEY", description = "The access key id.")
        String accessKeyId;

        @Override
        ExitCode run(AccessKeys keys, Output out) {
            if (!keys.delete(accessKeyId)) {
                throw new AltoException(ErrorCode.NOT_FOUND, "InvalidAccessKeyId.NotFound",
                        "there is no access key '" + accessKeyId + "' in " + location);
            }
            spec.commandLine().getErr().println("alto: deleted access key " + accessKeyId);
            spec.commandLine().getErr().flush();
            return ExitCode.OK;
        }
    }
}
