package io.altostratus.cli;

import io.altostratus.cli.command.ServeCommand;
import io.altostratus.cli.command.VersionCommand;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.CliEnvironment;
import io.altostratus.cli.internal.ErrorReporter;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Progress;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.core.config.AltoConfig;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.wait.Waiter;
import io.altostratus.local.LocalProviderFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code alto} command: global options (accepted before or after the verb) and the verbs as subcommands.
 * Flags win over {@code alto.toml} and the {@code ALTO_*} environment, which win over built-in defaults.
 */
@Command(name = "alto",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "One API over every cloud's compute.")
public final class Main implements Callable<Integer> {
    /** The account a session acts as when neither the config nor the environment names one. */
    public static final String DEFAULT_ACCOUNT = io.altostratus.core.spi.ProviderContext.DEFAULT_ACCOUNT;
    public static final String DEFAULT_PROVIDER = "local";
    public static final String DEFAULT_REGION = "us-east-1";

    @Spec
    CommandSpec spec;

    @Option(names = "--provider", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Provider to use (default: config 'provider', else local).")
    String provider;

    @Option(names = "--region", scope = ScopeType.INHERIT, paramLabel = "REGION",
            description = "Region (default: the provider's section of the config, then config 'region', else the "
                    + "provider's own default: us-east-1, us-central1 for gcp).")
    String region;

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "API endpoint override.")
    String endpoint;

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where a provider with local state keeps it (default: config 'state_dir', else "
                    + "$XDG_STATE_HOME/alto or ~/.local/state/alto). The local provider uses the PostgreSQL store in "
                    + "alto.toml's [store] url instead when one is set.")
    Path stateDir;

    @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Credentials profile for providers that have them (aws: ~/.aws profiles; default: the "
                    + "provider's 'profile' setting, else its default chain).")
    String profile;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "Output format: table, json or yaml (default: config 'output', else table).")
    String output;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    boolean debug;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Config file (default: $ALTO_CONFIG, ./alto.toml, ~/.config/alto/alto.toml).")
    Path configFile;

    private final CliEnvironment environment;
    private AltoConfig config;
    private ProviderFactory factory;

    public Main(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The same as {@link Launcher#main}, which is what {@code bin/alto} starts. */
    public static void main(String[] args) {
        Launcher.main(args);
    }

    /** Runs one command line with the process's writers; returns the exit code. */
    public static int run(CliEnvironment environment, String... args) {
        return run(environment, args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs one command line through picocli with these writers; returns the exit code. */
    static int run(CliEnvironment environment, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = commandLine(environment, args);
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /**
     * The command line with every verb, as {@code alto --help} shows it; tests set their own writers on it with
     * setOut/setErr. Building every verb's model costs a few hundred milliseconds: to run one command line, use
     * {@link #commandLine(CliEnvironment, String...)}.
     */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine cmd = new CommandLine(new Main(environment));
        Verbs.ALL.forEach(verb -> cmd.addSubcommand(verb));
        return configure(cmd);
    }

    /**
     * The command line for executing exactly {@code args}: with only the verb they name, or with every verb when
     * they need the whole list (usage, {@code --help} before the verb, {@code help}, a verb that does not exist, so
     * that picocli can suggest the nearest ones). Execute it with the same arguments.
     */
    public static CommandLine commandLine(CliEnvironment environment, String... args) {
        CommandLine cmd = new CommandLine(new Main(environment));
        Verbs.neededFor(cmd.getCommandSpec(), args).forEach(verb -> cmd.addSubcommand(verb));
        return configure(cmd);
    }

    /** Settings of the whole command tree: picocli copies them to the subcommands present, so verbs come first. */
    private static CommandLine configure(CommandLine cmd) {
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // @FILE is ours (--user-data @FILE), not picocli's argument-file expansion.
        cmd.setExpandAtFiles(false);
        cmd.setUsageHelpLongOptionsMaxWidth(28);
        String[] codes = ExitCode.helpFooter();
        String[] footer = new String[codes.length + 4];
        footer[0] = "";
        footer[1] = "Output: -o json and -o yaml print every field of the stable contract, camelCase, with null for "
                + "a missing value (fields are never omitted); times are ISO-8601 UTC. Listings (and launch) "
                + "print an array, show prints one object. Data goes to stdout, messages to stderr.";
        footer[2] = "";
        System.arraycopy(codes, 0, footer, 3, codes.length);
        footer[footer.length - 1] = "";
        cmd.getCommandSpec().usageMessage().footer(footer);
        ErrorReporter reporter = new ErrorReporter((Main) cmd.getCommand());
        cmd.setParameterExceptionHandler(reporter);
        cmd.setExecutionExceptionHandler(reporter);
        cmd.setExitCodeExceptionMapper(reporter);
        return cmd;
    }


    /** {@code alto} without a verb: the usage, on stderr since it is not the data anyone asked for. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    // ---- resolved settings ------------------------------------------------------------------------------------

    public CliEnvironment environment() {
        return environment;
    }

    public boolean debug() {
        return debug;
    }

    /** The config file and environment, loaded once. */
    public AltoConfig config() {
        if (config == null) {
            config = AltoConfig.load(configFile, environment.env());
        }
        return config;
    }

    public String providerName() {
        return firstNonBlank(provider, config().get("provider").orElse(null), DEFAULT_PROVIDER);
    }

    public String regionName() {
        return regionName(providerName());
    }

    /**
     * The region for a session of the named provider: {@code --region}, else the provider's section of the config,
     * else the config's own {@code region}, else the provider's default (GCP's is not EC2's).
     */
    public String regionName(String providerName) {
        String chosen = firstNonBlank(region, settingsOf(providerName).get("region"), config().get("region").orElse(null));
        if (chosen != null) {
            return chosen;
        }
        return factory(providerName).defaultRegion();
    }

    /** The factory of the named provider, looked up once per command (the lookup reads the class path's jars). */
    public ProviderFactory factory(String providerName) {
        if (factory == null || !factory.name().equalsIgnoreCase(providerName)) {
            factory = Providers.named(providerName);
        }
        return factory;
    }

    public Output.Format outputFormat() {
        String chosen = firstNonBlank(output, config().get("output").orElse(null), "table");
        return Output.Format.parse(chosen);
    }

    /** The provider's settings: its section of the config with the environment over it. */
    public Map<String, String> providerSettings() {
        return settingsOf(providerName());
    }

    /** A provider's settings: its section of the config, with {@code --profile} over it. */
    private Map<String, String> settingsOf(String name) {
        Map<String, String> settings = new LinkedHashMap<>(config().section(name));
        if (profile != null && !profile.isBlank()) {
            settings.put("profile", profile);
        }
        return settings;
    }

    public Path stateDirectory() {
        return stateDirectory(providerSettings());
    }

    private Path stateDirectory(Map<String, String> settings) {
        if (stateDir != null) {
            // Path.of("") is the working directory: `--state-dir "$UNSET"` would quietly keep state there.
            if (stateDir.toString().isBlank()) {
                throw new UsageException("--state-dir must not be empty");
            }
            return stateDir;
        }
        Optional<String> explicit = config().get("state_dir");
        if (explicit.isPresent()) {
            return Path.of(explicit.get());
        }
        String inSection = settings.get("state_dir");
        return inSection != null ? Path.of(inSection) : config().defaultStateDir();
    }

    /** Whether {@code --state-dir} was given on the command line (it then contradicts {@code serve --ephemeral}). */
    public boolean stateDirGiven() {
        return stateDir != null;
    }

    public String endpointUrl() {
        return endpointUrl(providerSettings());
    }

    private String endpointUrl(Map<String, String> settings) {
        String chosen = firstNonBlank(endpoint, config().get("endpoint").orElse(null), settings.get("endpoint"));
        if (chosen != null) {
            Args.endpointUrl(chosen); // a typo is bad input here, not an SDK NullPointerException later
        }
        return chosen;
    }

    public String account() {
        return account(providerSettings());
    }

    private String account(Map<String, String> settings) {
        return firstNonBlank(settings.get("account"), config().get("account").orElse(null), DEFAULT_ACCOUNT);
    }

    /**
     * What a session or service of the named provider gets from the command line and the config: the region, and
     * the account, endpoint, state directory and settings read from that provider's own section.
     */
    public ProviderContext providerContext(String name, String region) {
        Map<String, String> settings = settingsOf(name);
        // A command lives for one answer: reading the state file with indexed queries beats loading every document
        // of a large fleet first (alto serve mirrors instead). The config may still say store_reads = "mirror".
        if (name.equals(LocalProviderFactory.NAME)) {
            settings.putIfAbsent(LocalProviderFactory.STORE_READS, "direct");
            // The database alto serve replicas share, when alto.toml names one, holds the local cloud: the state
            // directory then holds none of it.
            String url = ServeCommand.storeUrl(this, null);
            if (url != null) {
                settings.putIfAbsent(LocalProviderFactory.STORE, url);
            }
        }
        return new ProviderContext(region, account(settings), endpointUrl(settings), stateDirectory(settings),
                settings, environment.clock());
    }

    /**
     * Opens a session on the chosen provider. The waiter template carries the environment's clock and sleeper
     * (so tests never sleep) and the progress display.
     */
    public Cloud openCloud(Progress progress) {
        String name = providerName();
        ComputeProvider opened = factory(name).open(providerContext(name, regionName(name)));
        if (opened == null) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "provider '" + name + "' opened no session");
        }
        return new Cloud(opened, Waiter.builder()
                .clock(environment.clock())
                .sleeper(environment.sleeper())
                .listener(progress));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
