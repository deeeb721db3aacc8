package io.altostratus.cli.fake;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fake cloud's memory: instances with the time of their last state change, keys, client tokens. */
final class FakeCloudState {
    record Entry(Instance instance, Instant since) {
    }

    final Map<String, Entry> instances = new LinkedHashMap<>();
    final Map<String, String> userData = new LinkedHashMap<>();
    final Map<String, KeyPair> keys = new LinkedHashMap<>();
    final Map<String, List<String>> tokens = new LinkedHashMap<>();
    long nextId = 0x1000;
    int opens;
}
