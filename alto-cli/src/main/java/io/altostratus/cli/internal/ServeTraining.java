package io.altostratus.cli.internal;

import io.altostratus.catalog.Catalogs;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run of {@code alto serve}'s start-up cache: a gateway on a free port, in-process, answering the EC2
 * calls that clients (Terraform, the AWS CLI, the SDKs) make around an instance's life, unsigned in permissive mode.
 *
 * <p>What the training touches is what every later server loads at start from the cache, and what it does not touch
 * is made at run time: the first call of an untrained action spins its lambdas and method-handle forms, and a server
 * that spins hundreds of them compiles the class-file writer with the optimising compiler, whose working memory for
 * one method is tens of MiB. So the calls below are the common ones, and nothing else (no HTTP client library: its
 * classes and the TLS stack it sets up would be loaded by every server and never used).
 */
final class ServeTraining {
    private static final Pattern NEXT_TOKEN = Pattern.compile("<nextToken>([^<]+)<");

    private final URI endpoint;
    private int failures;

    private ServeTraining(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Runs the calls; returns how many answered other than 200 where 200 was expected. */
    static int train() throws IOException, InterruptedException {
        ServeOptions options = new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"), null,
                Duration.ZERO, AuthMode.PERMISSIVE, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM);
        try (GatewayServer server = GatewayServer.start(options)) {
            server.warmInBackground().join();
            ServeTraining training = new ServeTraining(server.endpoint());
            training.calls();
            return training.failures;
        }
    }

    private void calls() throws IOException {
        expectOk(exchange("GET", "/_alto/health", ""));
        for (String action : List.of("DescribeRegions", "DescribeAvailabilityZones", "DescribeImages",
                "DescribeInstances", "DescribeKeyPairs", "DescribeVpcs", "DescribeSubnets", "DescribeSecurityGroups",
                "DescribeInstanceTypes", "DescribeAccountAttributes")) {
            // An action without a handler yet answers an EC2 error: still the path a real call takes.
            call("Action=" + action);
        }
        // An image t3.micro can run: the catalog's first one may be arm64, which the launch would refuse.
        String image = Catalogs.aws().images("us-east-1").stream()
                .filter(i -> i.architecture() == Architecture.X86_64).findFirst().orElseThrow().id();
        String vpc = firstId(expectOk(call("Action=CreateVpc&CidrBlock=10.9.0.0/16")), "vpcId");
        String subnet = firstId(expectOk(call("Action=CreateSubnet&VpcId=" + vpc
                + "&CidrBlock=10.9.0.0/20&AvailabilityZone=us-east-1a")), "subnetId");
        // The launch path many times over, so the cache carries its method profiles too: a server's first
        // RunInstances calls are otherwise several times slower than its later ones.
        String instance = null;
        for (int i = 0; i < 20; i++) {
            String launched = expectOk(call("Action=RunInstances&ImageId=" + image
                    + "&InstanceType=t3.micro&MinCount=1&MaxCount=2" + (i % 2 == 0 ? "&SubnetId=" + subnet : "")
                    + "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=batch"
                    + "&TagSpecification.1.Tag.1.Value=" + i));
            instance = firstId(launched, "instanceId");
        }
        // Listings as clients page them: filters on the indexed fields, then the next page.
        String page = "Action=DescribeInstances&MaxResults=5";
        for (String filter : List.of("", "&Filter.1.Name=instance-state-name&Filter.1.Value.1=running",
                "&Filter.1.Name=instance-type&Filter.1.Value.1=t3.micro",
                "&Filter.1.Name=subnet-id&Filter.1.Value.1=" + subnet, "&Filter.1.Name=tag:batch&Filter.1.Value.1=3",
                "&Filter.1.Name=instance-id&Filter.1.Value.1=" + instance)) {
            String answer = expectOk(call(page + filter));
            Matcher token = NEXT_TOKEN.matcher(answer);
            if (token.find()) {
                expectOk(call(page + filter + "&NextToken=" + token.group(1)));
            }
        }
        expectOk(call("Action=DescribeInstances&InstanceId.1=" + instance));
        expectOk(call("Action=DescribeTags&MaxResults=5"));
        expectOk(call("Action=DescribeTags&Filter.1.Name=resource-id&Filter.1.Value.1=" + instance));
        expectOk(call("Action=DescribeVolumes&MaxResults=5"));
        expectOk(call("Action=DescribeNetworkInterfaces&MaxResults=5"));
        expectOk(call("Action=DescribeInstanceStatus&MaxResults=5"));
        expectOk(call("Action=DescribeInstanceStatus&IncludeAllInstances=true&InstanceId.1=" + instance));
        expectOk(call("Action=DescribeInstanceAttribute&Attribute=instanceType&InstanceId=" + instance));
        expectOk(call("Action=CreateTags&ResourceId.1=" + instance + "&Tag.1.Key=role&Tag.1.Value=training"));
        expectOk(call("Action=DeleteTags&ResourceId.1=" + instance + "&Tag.1.Key=role"));
        expectOk(call("Action=StopInstances&InstanceId.1=" + instance));
        expectOk(call("Action=StartInstances&InstanceId.1=" + instance));
        expectOk(call("Action=RebootInstances&InstanceId.1=" + instance));
        expectOk(call("Action=TerminateInstances&InstanceId.1=" + instance));
    }

    private Answer call(String form) throws IOException {
        return exchange("POST", "/", form + "&Version=2016-11-15");
    }

    private String expectOk(Answer answer) {
        if (answer.status() != 200) {
            failures++;
            int code = Math.max(0, answer.body().indexOf("<Code>"));
            System.err.println("alto: training call answered " + answer.status() + ": "
                    + answer.body().substring(code, Math.min(code + 300, answer.body().length())));
        }
        return answer.body();
    }

    /** The first {@code <element>} of an answer (a RunInstances answer names the subnet before the instance). */
    private static String firstId(String body, String element) {
        Matcher m = Pattern.compile("<" + element + ">([^<]+)<").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + element + " in the training answer: "
                    + body.substring(0, Math.min(300, body.length())));
        }
        return m.group(1);
    }

    private record Answer(int status, String body) {
    }

    /** One HTTP/1.1 exchange on its own socket ({@code Connection: close}, so the answer ends with the stream). */
    private Answer exchange(String method, String path, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\nContent-Length: "
                + content.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // "HTTP/1.1 200 OK": the code is the second word of the status line; the body follows a blank line.
            String[] words = answer.split(" ", 3);
            int status = words.length > 1 ? Integer.parseInt(words[1]) : -1;
            int bodyAt = answer.indexOf("\r\n\r\n");
            return new Answer(status, bodyAt < 0 ? "" : answer.substring(bodyAt + 4));
        }
    }
}
