package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.cli.fake.FakeProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against the in-memory {@code fake} provider: parsing, output contracts, errors, waiting. */
class CommandLineTest {
    @TempDir
    Path dir;

    CliRun cli;
    String state;

    @BeforeEach
    void setUp() {
        cli = new CliRun(dir);
        state = dir.resolve("state").toString();
    }

    private CliRun.Result alto(String... args) {
        List<String> all = new ArrayList<>(List.of("--provider", "fake", "--state-dir", state));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    private List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheVerb() {
        CliRun.Result before = cli.run("--provider", "fake", "--state-dir", state, "--region", "eu-west-1", "-o", "json",
                "zones");
        CliRun.Result after = cli.run("zones", "--provider", "fake", "--state-dir", state, "--region", "eu-west-1",
                "-o", "json");
        CliRun.Result mixed = cli.run("-o", "json", "--provider", "fake", "zones", "--region", "eu-west-1",
                "--state-dir", state);

        assertThat(before.exit()).as(before.toString()).isZero();
        assertThat(before.json().get(0).get("name").asText()).isEqualTo("eu-west-1a");
        assertThat(after.exit()).as(after.toString()).isZero();
        assertThat(after.out()).isEqualTo(before.out());
        assertThat(mixed.out()).isEqualTo(before.out());
    }

    @Test
    void optionsOfNestedVerbsAcceptGlobalOptionsToo() {
        CliRun.Result r = cli.run("keys", "create", "k1", "--provider", "fake", "--state-dir", state, "-o", "json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("name").asText()).isEqualTo("k1");
        assertThat(r.json().get("privateKey").asText()).contains("PRIVATE KEY");
    }

    @Test
    void launchPrintsAJsonArrayOfInstancesWithTheCamelCaseContract() {
        CliRun.Result r = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--count", "3",
                "--name", "web", "--tag", "env=test", "-o", "json");

        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode array = r.json();
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        for (JsonNode i : array) {
            assertThat(i.get("id").asText()).startsWith("i-");
            assertThat(i.get("name").asText()).isEqualTo("web");
            assertThat(i.get("state").asText()).isEqualTo("pending");
            assertThat(i.get("rawState").asText()).as("the provider's word, here the same").isEqualTo("pending");
            assertThat(i.get("details").isNull()).as("the fake reports no details").isTrue();
            assertThat(i.get("imageId").asText()).isEqualTo("ami-0a000000000000001");
            assertThat(i.get("instanceType").asText()).isEqualTo("t3.micro");
            assertThat(i.get("region").asText()).isEqualTo("us-east-1");
            assertThat(i.get("zone").asText()).isEqualTo("us-east-1a");
            assertThat(i.get("privateIp").asText()).startsWith("10.0.");
            assertThat(i.has("publicIp")).isTrue();
            assertThat(i.get("publicIp").isNull()).as("absent values are null, never omitted").isTrue();
            assertThat(i.get("tags").get("Name").asText()).isEqualTo("web");
            assertThat(i.get("tags").get("env").asText()).isEqualTo("test");
            assertThat(i.get("launchTime").asText()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(i.get("architecture").asText()).isEqualTo("x86_64");
            List<String> fields = new ArrayList<>();
            i.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).allMatch(f -> f.matches("[a-z][A-Za-z]*"), "camelCase");
        }
        assertThat(ids(array)).doesNotHaveDuplicates();
    }

    @Test
    void showPrintsOneObjectAndTableModeShowsFieldLines() {
        String id = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "-o", "json").json().get(0)
                .get("id").asText();

        CliRun.Result json = alto("show", id, "-o", "json");
        CliRun.Result yaml = alto("show", id, "-o", "yaml");
        CliRun.Result table = alto("show", id);

        assertThat(json.json().isObject()).isTrue();
        assertThat(json.json().get("id").asText()).isEqualTo(id);
        assertThat(yaml.out()).contains("id: " + id).contains("state: pending").contains("launchTime: 2026-01-01T00:00:00Z");
        assertThat(table.out()).containsPattern("(?m)^id: +" + id + "$").containsPattern("(?m)^state: +pending$");
    }

    @Test
    void aTerminatingInstanceShowsThePortableStateAndTheProvidersOwnWord() {
        String id = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "-o", "json").json().get(0)
                .get("id").asText();
        CliRun.Result rm = alto("rm", id, "-o", "json");
        assertThat(rm.json().get(0).get("currentState").asText()).isEqualTo("terminating");

        JsonNode shown = alto("show", id, "-o", "json").json();
        assertThat(shown.get("state").asText()).isEqualTo("terminating");
        assertThat(shown.get("rawState").asText()).isEqualTo("shutting-down");
        assertThat(alto("ls", "--state", "shutting-down", "-o", "json").json()).as("EC2's word still filters")
                .extracting(n -> n.get("id").asText()).containsExactly(id);
        assertThat(alto("ls")).extracting(CliRun.Result::out).asString()
                .containsPattern("(?m)^" + id + " .* terminating ");
    }

    @Test
    void showOfAMissingInstanceExitsNotFoundWithOneStderrLine() {
        CliRun.Result r = alto("show", "i-doesnotexist");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("alto: error: ").contains("i-doesnotexist");
    }

    @Test
    void unknownImageFailsCleanlyAndLaunchesNothing() {
        CliRun.Result r = alto("launch", "--image", "ubuntu:99.04", "--type", "t3.micro");

        assertThat(r.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith("alto: error: ").contains("InvalidAMIID.NotFound");
        assertThat(alto("ls", "-o", "json").json()).isEmpty();
    }

    @Test
    void malformedImageAliasIsBadInput() {
        CliRun.Result r = alto("launch", "--image", "ubuntu:24.04/sparc", "--type", "t3.micro");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("alto: error: ").contains("sparc");
    }

    @Test
    void badTagSyntaxExitsTwoBeforeAnythingIsLaunched() {
        CliRun.Result noEquals = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--tag", "novalue");
        CliRun.Result noKey = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--tag", "=v");

        assertThat(noEquals.exit()).isEqualTo(2);
        assertThat(noEquals.errLines()).singleElement().asString().startsWith("alto: error: ").contains("--tag");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.errLines()).hasSize(1);
        assertThat(alto("ls", "-o", "json").json()).isEmpty();
    }

    @Test
    void unknownOptionsAndFormatsAreUsageErrors() {
        CliRun.Result option = alto("ls", "--bogus");
        CliRun.Result format = alto("ls", "-o", "xml");
        CliRun.Result state = alto("ls", "--state", "sleeping");

        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.errLines()).singleElement().asString().contains("--bogus");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.errLines()).singleElement().asString().contains("xml");
        assertThat(state.exit()).isEqualTo(2);
        assertThat(state.errLines()).hasSize(1);
    }

    @Test
    void unknownVerbsAndStrayWordsAreNamedWithTheNearestVerbs() {
        CliRun.Result typo = alto("lunch");
        CliRun.Result nested = alto("gateway", "kes", "list");
        CliRun.Result stray = alto("regions", "extra");
        CliRun.Result nothingNear = alto("zzzzzz");

        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.errLines()).singleElement().asString()
                .startsWith("alto: error: 'lunch' is not a command of 'alto'; did you mean 'launch'")
                .endsWith("(see 'alto --help')");
        assertThat(nested.exit()).isEqualTo(2);
        assertThat(nested.errLines()).singleElement().asString()
                .contains("'kes' is not a command of 'alto gateway'; did you mean 'keys'");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.errLines()).singleElement().asString().contains("unexpected argument 'extra'");
        assertThat(nothingNear.errLines()).singleElement().asString()
                .isEqualTo("alto: error: 'zzzzzz' is not a command of 'alto' (see 'alto --help')");
    }

    @Test
    void fullLifecycleWaitsOnTheClockWithoutSleeping() {
        CliRun.Result launched = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--count", "3",
                "-o", "json");
        List<String> ids = ids(launched.json());
        String[] idArgs = ids.toArray(String[]::new);

        assertThat(alto("ls", "-o", "json").json()).extracting(n -> n.get("state").asText())
                .containsOnly("pending");

        CliRun.Result running = alto(concat(new String[] {"wait", "--state", "running", "-o", "json"}, idArgs));
        assertThat(running.exit()).as(running.toString()).isZero();
        assertThat(running.json()).extracting(n -> n.get("state").asText()).containsExactly("running", "running", "running");

        CliRun.Result stop = alto(concat(new String[] {"stop", "-o", "json"}, idArgs));
        assertThat(stop.json()).extracting(n -> n.get("previousState").asText() + ">" + n.get("currentState").asText())
                .containsOnly("running>stopping");

        CliRun.Result stopped = alto(concat(new String[] {"wait", "--state", "stopped", "-o", "json"}, idArgs));
        assertThat(stopped.json()).extracting(n -> n.get("state").asText()).containsOnly("stopped");

        CliRun.Result start = alto(concat(new String[] {"start", "-o", "json"}, idArgs));
        assertThat(start.json()).extracting(n -> n.get("previousState").asText()).containsOnly("stopped");

        CliRun.Result rm = alto(concat(new String[] {"rm", "--wait", "-o", "json"}, idArgs));
        assertThat(rm.exit()).as(rm.toString()).isZero();
        assertThat(rm.json()).extracting(n -> n.get("currentState").asText()).containsOnly("terminated");

        // Terminated instances are still listed, as in EC2; a state filter leaves them out.
        assertThat(alto("ls", "-o", "json").json()).hasSize(3);
        assertThat(alto("ls", "--state", "running,stopped", "-o", "json").json()).isEmpty();
        assertThat(cli.clock.instant()).as("time passed only on the manual clock")
                .isAfter(java.time.Instant.parse("2026-01-01T00:00:10Z"));
    }

    @Test
    void launchWaitPrintsRunningInstances() {
        CliRun.Result r = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--count", "2", "--wait",
                "-o", "json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json()).extracting(n -> n.get("state").asText()).containsExactly("running", "running");
    }

    @Test
    void waitThatRunsOutOfTimeExitsFour() {
        String id = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "-o", "json").json().get(0)
                .get("id").asText();

        CliRun.Result r = alto("wait", id, "--state", "running", "--timeout", "2");

        assertThat(r.exit()).isEqualTo(ExitCode.TIMEOUT.code());
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).singleElement().asString().startsWith("alto: error: timed out");
    }

    @Test
    void waitForAStateThatCanNoLongerComeIsAConflict() {
        String id = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "-o", "json").json().get(0)
                .get("id").asText();
        alto("rm", id);

        CliRun.Result r = alto("wait", id, "--state", "running");

        assertThat(r.exit()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(r.errLines()).hasSize(1);
    }

    @Test
    void startingARunningInstanceIsAConflictWithTheProviderCode() {
        String id = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--wait", "-o", "json").json()
                .get(0).get("id").asText();

        CliRun.Result r = alto("start", id);

        assertThat(r.exit()).isEqualTo(6);
        assertThat(r.errLines()).singleElement().asString().contains("IncorrectInstanceState");
    }

    @Test
    void lsFiltersByTagNameAndId() {
        alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--name", "web-1", "--tag", "role=web");
        alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--name", "db-1", "--tag", "role=db");
        String dbId = alto("ls", "--name", "db-*", "-o", "json").json().get(0).get("id").asText();

        assertThat(alto("ls", "--tag", "role=web", "-o", "json").json()).extracting(n -> n.get("name").asText())
                .containsExactly("web-1");
        assertThat(alto("ls", "--tag", "role", "-o", "json").json()).hasSize(2);
        assertThat(alto("ls", dbId, "-o", "json").json()).extracting(n -> n.get("name").asText())
                .containsExactly("db-1");
        CliRun.Result table = alto("ls");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("NAME", "STATE", "TYPE");
        assertThat(table.out().lines().count()).isEqualTo(3);
    }

    @Test
    void typesAreSortedByPriceWithUnpricedLastAndFiltered() {
        CliRun.Result all = alto("types", "-o", "json");
        CliRun.Result arm = alto("types", "--arch", "arm64", "-o", "json");
        CliRun.Result big = alto("types", "--min-memory", "2", "-o", "json");

        assertThat(all.json()).extracting(n -> n.get("name").asText())
                .containsExactly("t4g.micro", "t3.micro", "t3.small", "m5.large", "x9.unpriced");
        assertThat(arm.json()).extracting(n -> n.get("name").asText()).containsExactly("t4g.micro");
        assertThat(big.json()).extracting(n -> n.get("name").asText()).containsExactly("t3.small", "m5.large");
    }

    @Test
    void launchWithoutTypePicksTheCheapestFittingOne() {
        CliRun.Result r = alto("launch", "--image", "ubuntu:24.04", "--min-memory", "1.5", "-o", "json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get(0).get("instanceType").asText()).isEqualTo("t3.small");
        assertThat(r.errLines()).singleElement().asString().contains("t3.small");
    }

    @Test
    void imagesLatestResolvesByArchitecture() {
        CliRun.Result r = alto("images", "latest", "ubuntu", "24.04", "--arch", "arm64", "-o", "json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("id").asText()).isEqualTo("ami-0a000000000000002");
        assertThat(r.json().get("architecture").asText()).isEqualTo("arm64");
        assertThat(alto("images", "--release", "22.04", "-o", "json").json()).extracting(n -> n.get("id").asText())
                .containsExactly("ami-0a000000000000003");
    }

    @Test
    void userDataIsReadFromAFileOrStdin() throws Exception {
        Path file = dir.resolve("init.yaml");
        Files.writeString(file, "#cloud-config\n");
        cli.stdin = "#!/bin/sh\necho hi\n";

        CliRun.Result fromFile = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--user-data",
                "@" + file, "-o", "json");
        CliRun.Result plainFile = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--user-data",
                file.toString(), "-o", "json");
        CliRun.Result fromStdin = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--user-data", "-",
                "-o", "json");

        assertThat(fromFile.exit()).as(fromFile.toString()).isZero();
        assertThat(FakeProviderFactory.userDataOf(Path.of(state), ids(fromFile.json()).get(0)))
                .isEqualTo("#cloud-config\n");
        assertThat(FakeProviderFactory.userDataOf(Path.of(state), ids(plainFile.json()).get(0)))
                .isEqualTo("#cloud-config\n");
        assertThat(FakeProviderFactory.userDataOf(Path.of(state), ids(fromStdin.json()).get(0)))
                .isEqualTo("#!/bin/sh\necho hi\n");
        CliRun.Result missing = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--user-data",
                dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().contains("not found");
    }

    @Test
    void keysCreateWritesA0600FileAndRefusesToOverwrite() throws Exception {
        Path key = dir.resolve("k.pem");

        CliRun.Result created = alto("keys", "create", "lab", "--out", key.toString(), "-o", "json");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(Files.readString(key)).contains("PRIVATE KEY").contains("fake-lab");
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(created.json().get("privateKey").isNull()).isTrue();
        assertThat(created.json().get("privateKeyFile").asText()).isEqualTo(key.toAbsolutePath().toString());

        CliRun.Result again = alto("keys", "create", "lab2", "--out", key.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.errLines()).singleElement().asString().contains("refusing to overwrite");
        assertThat(Files.readString(key)).contains("fake-lab").doesNotContain("fake-lab2");
        assertThat(alto("keys", "-o", "json").json()).extracting(n -> n.get("name").asText()).containsExactly("lab");

        CliRun.Result duplicate = alto("keys", "create", "lab");
        assertThat(duplicate.exit()).isEqualTo(6);
        assertThat(duplicate.errLines()).singleElement().asString().contains("InvalidKeyPair.Duplicate");
    }

    @Test
    void unsupportedOperationsExitFive() {
        CliRun.Result r = alto("volumes");

        assertThat(r.exit()).isEqualTo(ExitCode.UNSUPPORTED.code());
        assertThat(r.errLines()).singleElement().asString().contains("does not support");
    }

    @Test
    void unexpectedExceptionsExitSeventyWithOneLineAndATraceOnlyWithDebug() {
        CliRun.Result quiet = alto("show", "i-0bad0bad0bad0bad0");
        CliRun.Result debug = alto("show", "i-0bad0bad0bad0bad0", "--debug");

        assertThat(quiet.exit()).isEqualTo(70);
        assertThat(quiet.errLines()).singleElement().asString().startsWith("alto: error: internal error")
                .contains("fake provider bug");
        assertThat(debug.exit()).isEqualTo(70);
        assertThat(debug.errLines().size()).isGreaterThan(3);
        assertThat(debug.err()).contains("at io.altostratus.cli.fake.FakeProvider.instance");
    }

    @Test
    void tagAddsTagsThatLsCanFilterOn() {
        String id = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "-o", "json").json().get(0)
                .get("id").asText();

        assertThat(alto("tag", id, "team=infra", "Name=renamed").exit()).isZero();
        JsonNode shown = alto("show", id, "-o", "json").json();

        assertThat(shown.get("tags").get("team").asText()).isEqualTo("infra");
        assertThat(shown.get("name").asText()).isEqualTo("renamed");
        assertThat(alto("tag", id, "broken").exit()).isEqualTo(2);
    }

    @Test
    void progressIsDrawnOnATerminalAndErasedAtTheEnd() {
        String id = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "-o", "json").json().get(0)
                .get("id").asText();
        cli.terminal = true;

        CliRun.Result r = alto("wait", id, "-o", "json");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("waiting").contains(id + " pending").endsWith("\r\u001b[K");
        assertThat(r.out()).doesNotContain("waiting");
    }

    @Test
    void versionAsJsonIsAnObject() {
        CliRun.Result r = cli.run("version", "-o", "json");

        assertThat(r.exit()).isZero();
        assertThat(r.json().path("alto").asText()).isNotBlank();
        assertThat(r.json().path("java").asText()).isEqualTo(System.getProperty("java.version"));
    }

    @Test
    void negativeMinimumVcpusIsBadUsageNotASilentMatchAll() {
        CliRun.Result r = alto("types", "--min-vcpus", "-3");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--min-vcpus");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void progressLineIsErasedBeforeTheResultIsPrinted() {
        String id = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "-o", "json").json().get(0)
                .get("id").asText();
        cli.terminal = true;

        String screen = cli.runOnOneScreen("--provider", "fake", "--state-dir", state, "wait", id);

        int lastSpinner = screen.lastIndexOf("waiting");
        int erase = screen.indexOf("\r\u001b[K", lastSpinner);
        int table = screen.indexOf("ID ");
        assertThat(lastSpinner).as(screen).isNotNegative();
        assertThat(erase).as("the spinner is erased").isGreaterThan(lastSpinner);
        assertThat(table).as("the result comes after the erase, on a clean line").isGreaterThan(erase);
    }

    @Test
    void noProgressWhenStderrIsNotATerminal() {
        String id = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "-o", "json").json().get(0)
                .get("id").asText();

        CliRun.Result r = alto("wait", id);

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpFooterListsTheExitCodes() {
        CliRun.Result r = cli.run("--help");

        assertThat(r.exit()).isZero();
        for (ExitCode code : ExitCode.values()) {
            assertThat(r.out()).containsPattern("(?m)^ +" + code.code() + "  " + java.util.regex.Pattern.quote(code.meaning()));
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
