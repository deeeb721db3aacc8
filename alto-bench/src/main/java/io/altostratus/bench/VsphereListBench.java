package io.altostratus.bench;

import io.altostratus.core.model.Instance;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.vsphere.VsphereProvider;
import io.altostratus.vsphere.VsphereProviderFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What listing a large vSphere inventory costs through the vsphere provider: VMware's simulator (our launcher
 * {@code peers/vcsim}, built when missing) with {@code --vms} VMs (1,000 by default) in one resource pool, listed
 * {@code --runs} times (10 by default) after one warm-up listing; prints the SOAP calls each listing made and the
 * median, minimum and maximum wall time. A listing is one property-collector round whatever the size.
 *
 * <pre>
 * bin/bench vsphere-list [--vms N] [--runs N]
 * </pre>
 */
public final class VsphereListBench {
    private static final PrintStream OUT = System.out;
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    private VsphereListBench() {
    }

    public static void main(String[] args) throws Exception {
        int vms = 1000;
        int runs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--vms" -> vms = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("vsphere-list: unknown argument " + args[i] + " (options: --vms N, --runs N)");
                    System.exit(2);
                }
            }
        }
        Path vcsim = Path.of(System.getProperty("alto.repo", ".")).resolve("peers/vcsim");
        Process build = new ProcessBuilder(vcsim.resolve("build").toString()).inheritIO().start();
        if (build.waitFor() != 0) {
            System.err.println("vsphere-list: peers/vcsim/build failed (needs golang-go and "
                    + "golang-github-vmware-govmomi-dev)");
            System.exit(1);
        }
        long started = System.nanoTime();
        Process sim = new ProcessBuilder(vcsim.resolve("target/alto-vcsim").toString(), "-vm", String.valueOf(vms),
                "-templates", "", "-tools-delay", "0s").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String line = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (line == null) {
                System.err.println("vsphere-list: the simulator did not start");
                System.exit(1);
            }
            Map<String, String> ready = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                ready.put(m.group(1), m.group(2));
            }
            OUT.printf("vcsim with %d VMs per pool up in %.1f s at %s%n", vms, (System.nanoTime() - started) / 1e9,
                    ready.get("url"));
            Map<String, String> settings = Map.of("endpoint", ready.get("url"), "user", ready.get("user"),
                    "password", ready.get("password"), "fingerprint", ready.get("thumbprint"));
            try (VsphereProvider provider = (VsphereProvider) new VsphereProviderFactory().open(new ProviderContext(
                    null, ProviderContext.DEFAULT_ACCOUNT, null, null, settings, Clock.systemUTC()))) {
                long before = provider.soapCalls();
                long t0 = System.nanoTime();
                int listed = provider.instances(InstanceQuery.all()).size();
                OUT.printf("warm-up: %d instances, %d SOAP calls (with the session's container view), %.1f ms%n",
                        listed, provider.soapCalls() - before, (System.nanoTime() - t0) / 1e6);
                List<Double> times = new ArrayList<>();
                List<Long> calls = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    before = provider.soapCalls();
                    t0 = System.nanoTime();
                    List<Instance> all = provider.instances(InstanceQuery.all());
                    times.add((System.nanoTime() - t0) / 1e6);
                    calls.add(provider.soapCalls() - before);
                    listed = all.size();
                }
                List<Double> sorted = new ArrayList<>(times);
                sorted.sort(Double::compare);
                double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
                OUT.printf("list of %d instances x %d runs: SOAP calls per list %s; wall time median %.1f ms, "
                        + "min %.1f ms, max %.1f ms%n", listed, runs, calls.stream().distinct().toList(), median,
                        sorted.get(0), sorted.get(sorted.size() - 1));
            }
        } finally {
            sim.getOutputStream().close();
            if (!sim.waitFor(10, TimeUnit.SECONDS)) {
                sim.destroyForcibly();
            }
        }
    }
}
