package io.altostratus.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Document types the store tests write. */
final class Documents {

    private Documents() {
    }

    enum Size { SMALL, LARGE }

    record Disk(String device, int sizeGib) {
    }

    record Machine(String name, Size size, Instant launched, OffsetDateTime scheduled, List<Disk> disks,
                   Map<String, String> tags, List<String> notes) {
    }

    record Counter(long value) {
    }

    record Named(String name) {
    }

    /** A document that can change after it was put (not a record): the store must keep what it was at put time. */
    static final class Notebook {
        public String title;
        public List<String> pages = new java.util.ArrayList<>();
    }
}
