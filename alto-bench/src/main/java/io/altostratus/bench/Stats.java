package io.altostratus.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timings of one step in nanoseconds; reports median, percentiles and minimum in milliseconds. */
final class Stats {
    private final List<Long> nanos = new ArrayList<>();

    void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    int count() {
        return nanos.size();
    }

    double medianMs() {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return median / 1e6;
    }

    /** The nearest-rank percentile {@code p} (e.g. 90) in milliseconds. */
    double percentileMs(int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1)) / 1e6;
    }

    double minMs() {
        return Collections.min(nanos) / 1e6;
    }
}
