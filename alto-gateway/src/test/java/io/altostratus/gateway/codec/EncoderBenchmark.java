package io.altostratus.gateway.codec;

import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Locale;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

/**
 * Encoding DescribeInstances over 1,000 instances, printed (not a test: run its {@code main} by hand, with the JVM
 * flags of {@code alto serve}). Measures {@link Ec2XmlEncoder#encodeToUtf8} and, when the encoder has it, the
 * streaming {@code encode(..., OutputStream)} into a sink that only counts, so the same main measures an older
 * encoder jar put on the class path instead (the "before" figure).
 *
 * <pre>
 * java -cp alto-gateway/target/test-classes:alto-gateway/target/classes:$(deps) \
 *     io.altostratus.gateway.codec.EncoderBenchmark [rounds]
 * </pre>
 */
public final class EncoderBenchmark {
    private EncoderBenchmark() {
    }

    /** Counts what it is given and keeps nothing, like a socket that is always ready. */
    private static final class CountingSink extends OutputStream {
        long bytes;
        long writes;

        @Override
        public void write(int b) {
            bytes++;
            writes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            writes++;
        }
    }

    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Ec2Operation op = Ec2OperationRegistry.instance().require("DescribeInstances");
        Ec2XmlEncoder encoder = new Ec2XmlEncoder();
        DescribeInstancesResponse response = CodecBenchmarkTest.fleet(1000);

        long[] nanos = new long[rounds];
        int size = 0;
        for (int i = 0; i < rounds * 2; i++) {
            long start = System.nanoTime();
            size = encoder.encodeToUtf8(op, response, "req-bench").length;
            if (i >= rounds) {
                nanos[i - rounds] = System.nanoTime() - start;
            }
        }
        print("encodeToUtf8 (whole document as byte[])", size, nanos);

        MethodHandle streaming;
        try {
            streaming = MethodHandles.publicLookup().findVirtual(Ec2XmlEncoder.class, "encode",
                    MethodType.methodType(void.class, Ec2Operation.class, Ec2Response.class, String.class,
                            OutputStream.class));
        } catch (NoSuchMethodException e) {
            System.out.println("this encoder has no streaming encode(..., OutputStream)");
            return;
        }
        CountingSink sink = new CountingSink();
        for (int i = 0; i < rounds * 2; i++) {
            sink.bytes = 0;
            sink.writes = 0;
            long start = System.nanoTime();
            streaming.invoke(encoder, op, (Ec2Response) response, "req-bench", (OutputStream) sink);
            if (i >= rounds) {
                nanos[i - rounds] = System.nanoTime() - start;
            }
        }
        print("encode to an OutputStream (" + sink.writes + " writes)", (int) sink.bytes, nanos);
    }

    private static void print(String what, int bytes, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e6;
        double min = sorted[0] / 1e6;
        System.out.printf(Locale.ROOT, "%-55s %8d KiB  median %7.2f ms  min %7.2f ms  (%.0f MB/s at the median)%n",
                what, bytes / 1024, median, min, bytes / 1e6 / (median / 1000));
    }
}
