package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.cli.command.KeysCommand;
import io.altostratus.cli.command.LsCommand;
import io.altostratus.cli.command.RmCommand;
import io.altostratus.cli.command.ServeCommand;
import io.altostratus.cli.internal.CliEnvironment;
import io.altostratus.core.wait.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Which verbs {@link Main#commandLine(CliEnvironment, String...)} builds for a command line: only the one it names,
 * and every one where the whole list shows (usage, help, an unknown verb's suggestions).
 */
class VerbDispatchTest {
    private final CliEnvironment environment = new CliEnvironment(Map.of(), new ManualClock(), new ManualClock(),
            false, InputStream.nullInputStream());

    private List<String> built(String... args) {
        return new ArrayList<>(Main.commandLine(environment, args).getSubcommands().keySet());
    }

    private List<String> every() {
        return new ArrayList<>(Main.commandLine(environment).getSubcommands().keySet());
    }

    @Test
    void aNamedVerbIsTheOnlyOneBuilt() {
        assertThat(built("ls")).containsExactly("ls", "list");
        assertThat(built("list", "--state", "running")).containsExactly("ls", "list");
        assertThat(built("keys", "create", "k1")).containsExactly("keys");
        assertThat(built("terminate", "i-1")).containsExactly("rm", "terminate");
    }

    @Test
    void globalOptionsAndTheirValuesBeforeTheVerbAreSkipped() {
        assertThat(built("--provider", "ls", "--state-dir", "launch", "-o", "json", "--debug", "zones"))
                .containsExactly("zones");
        assertThat(built("--state-dir=/tmp/x", "-ojson", "--output=yaml", "ls")).containsExactly("ls", "list");
        assertThat(built("--region", "eu-west-1", "--config", "alto.toml", "--endpoint", "http://h",
                "--profile", "p", "images")).containsExactly("images");
    }

    @Test
    void theWholeListWhereItShows() {
        assertThat(built()).isEqualTo(every());
        assertThat(built("--help")).isEqualTo(every());
        assertThat(built("-h", "ls")).isEqualTo(every());
        assertThat(built("help", "ls")).isEqualTo(every());
        assertThat(built("lunch")).isEqualTo(every());
        assertThat(built("--", "ls")).isEqualTo(every());
    }

    @Test
    void versionAloneNeedsNoVerb() {
        assertThat(built("--version")).isEmpty();
        assertThat(built("-V", "--debug")).isEmpty();
        assertThat(built("--version", "ls")).containsExactly("ls", "list");
    }

    @Test
    void versionAloneIsAnsweredWithoutPicocliInTheSameWords() {
        assertThat(Launcher.versionOnly("--version")).isTrue();
        assertThat(Launcher.versionOnly("-V")).isTrue();
        assertThat(Launcher.versionOnly("--version", "--debug")).isFalse();
        assertThat(Launcher.versionOnly("version")).isFalse();
        assertThat(Launcher.versionOnly()).isFalse();

        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        assertThat(Launcher.printVersion(new PrintStream(direct, true, StandardCharsets.UTF_8))).isZero();
        StringWriter picocli = new StringWriter();
        CommandLine cmd = Main.commandLine(environment, "--version");
        cmd.setOut(new PrintWriter(picocli));
        assertThat(cmd.execute("--version")).isZero();
        assertThat(direct.toString(StandardCharsets.UTF_8)).isEqualTo(picocli.toString()).startsWith("alto ");
    }

    @Test
    void optionsAfterTheVerbAreTheVerbsOwn() {
        assertThat(built("ls", "--help")).containsExactly("ls", "list");
        assertThat(built("serve", "--port", "0")).containsExactly("serve");
    }

    @Test
    void verbsAreFoundByTheirOwnCommandAnnotation() {
        assertThat(Verbs.named("ls")).isEqualTo(LsCommand.class);
        assertThat(Verbs.named("terminate")).isEqualTo(RmCommand.class);
        assertThat(Verbs.named("keys")).isEqualTo(KeysCommand.class);
        assertThat(Verbs.named("serve")).isEqualTo(ServeCommand.class);
        assertThat(Verbs.named("help")).isEqualTo(CommandLine.HelpCommand.class);
        assertThat(Verbs.named("lunch")).isNull();
    }

    @Test
    void everyVerbHasAnUnambiguousNameAndAliases() {
        Set<String> words = new HashSet<>();
        for (Class<?> verb : Verbs.ALL) {
            Command command = verb.getAnnotation(Command.class);
            assertThat(command).as("%s has @Command", verb).isNotNull();
            assertThat(words.add(command.name())).as("name %s of %s is taken", command.name(), verb).isTrue();
            for (String alias : command.aliases()) {
                assertThat(words.add(alias)).as("alias %s of %s is taken", alias, verb).isTrue();
            }
        }
    }
}
