package io.altostratus.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The cache of built images ({@code ~/.cache/alto/qemu}: one directory per recipe key, about 600 MB each, and the
 * shared {@code apt-archives}), kept from growing without end: after a build, only the {@code keep} recipes used last
 * stay. A recipe's last use is its directory's modification time, which every build and every cache hit sets.
 * Recipes an image of a live machine was built from are never pruned, nor one another process is building or reading
 * (its lock is held). Registered images hold hard links to the cache's files (or copies), so pruning frees the space
 * only once no image of any state directory still shares them, and never pulls a disk from under a machine.
 */
final class QemuImageCache {
    /** How many recipes the cache keeps by default. */
    static final int DEFAULT_KEEP = 2;
    private final Path dir;

    QemuImageCache(Path dir) {
        this.dir = dir;
    }

    /** Records that the recipe's build was just used. */
    static void touch(Path recipeDir) {
        try {
            Files.setLastModifiedTime(recipeDir, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // the last use is only a hint for pruning; a cache on a read-only mount is still usable
        }
    }

    /** The recipe keys of the cache, most recently used first. */
    List<String> recipes() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(QemuImageBuilder.ROOT)))
                    .filter(p -> !p.getFileName().toString().contains(".build-"))
                    .sorted(Comparator.comparing(QemuImageCache::lastUse).reversed())
                    .map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the image cache " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileTime lastUse(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Deletes the builds of all but the {@code keep} recipes used last, sparing those in {@code inUse} and those
     * whose lock another build holds. Returns the recipe keys it deleted.
     */
    List<String> prune(int keep, Set<String> inUse) {
        List<String> recipes = recipes();
        List<String> pruned = new ArrayList<>();
        for (String key : recipes.subList(Math.min(keep, recipes.size()), recipes.size())) {
            if (!inUse.contains(key) && deleteUnlessLocked(key)) {
                pruned.add(key);
            }
        }
        return pruned;
    }

    private boolean deleteUnlessLocked(String key) {
        try (FileChannel lockFile = FileChannel.open(dir.resolve(key + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                return false; // this very process is building it
            }
            if (lock == null) {
                return false;
            }
            try (lock) {
                QemuFiles.deleteTree(dir.resolve(key));
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune " + key + " from " + dir + ": " + e.getMessage(), e);
        }
    }
}
