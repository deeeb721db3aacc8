package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.ProviderContext;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pruning the build cache: by last use, sparing recipes in use or being built, and never what images link to. */
class QemuImageCacheTest {
    @TempDir
    Path cache;

    /** A complete-looking build of the recipe, last used {@code hoursAgo} hours ago. */
    private Path recipe(String key, int hoursAgo) throws Exception {
        Path dir = Files.createDirectories(cache.resolve(key));
        Files.writeString(dir.resolve(QemuImageBuilder.ROOT), "disk of " + key);
        Files.writeString(dir.resolve(QemuImageBuilder.KERNEL), "kernel");
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(3600L * hoursAgo)));
        return dir;
    }

    @Test
    void keepsTheRecipesUsedLastAndThoseInUseAndLeavesEverythingElseOfTheCacheAlone() throws Exception {
        recipe("debian-12-aaaaaaaaaaaaaaaa", 1);
        recipe("debian-13-bbbbbbbbbbbbbbbb", 2);
        recipe("debian-11-cccccccccccccccc", 3);
        recipe("debian-12-dddddddddddddddd", 4);
        Files.createDirectories(cache.resolve("apt-archives"));
        Files.writeString(cache.resolve("apt-archives/x.deb"), "deb");
        Path building = Files.createDirectories(cache.resolve("debian-12-eeeeeeeeeeeeeeee.build-123"));
        Files.writeString(building.resolve(QemuImageBuilder.ROOT), "half");
        QemuImageCache images = new QemuImageCache(cache);
        assertThat(images.recipes()).containsExactly("debian-12-aaaaaaaaaaaaaaaa", "debian-13-bbbbbbbbbbbbbbbb",
                "debian-11-cccccccccccccccc", "debian-12-dddddddddddddddd");

        List<String> pruned = images.prune(2, Set.of("debian-12-dddddddddddddddd"));

        assertThat(pruned).containsExactly("debian-11-cccccccccccccccc");
        assertThat(cache.resolve("debian-11-cccccccccccccccc")).doesNotExist();
        assertThat(images.recipes()).containsExactly("debian-12-aaaaaaaaaaaaaaaa", "debian-13-bbbbbbbbbbbbbbbb",
                "debian-12-dddddddddddddddd");
        assertThat(cache.resolve("apt-archives/x.deb")).exists();
        assertThat(building).exists();
    }

    @Test
    void aRecipeBeingBuiltOrReadIsSparedAndAUseMakesARecipeRecent() throws Exception {
        recipe("debian-12-aaaaaaaaaaaaaaaa", 1);
        Path old = recipe("debian-11-cccccccccccccccc", 5);
        recipe("debian-13-bbbbbbbbbbbbbbbb", 3);
        QemuImageCache images = new QemuImageCache(cache);
        try (FileChannel lockFile = FileChannel.open(cache.resolve("debian-13-bbbbbbbbbbbbbbbb.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lockFile.lock()) {
            QemuImageCache.touch(old);
            assertThat(images.recipes()).first().isEqualTo("debian-11-cccccccccccccccc");
            assertThat(images.prune(1, Set.of())).containsExactly("debian-12-aaaaaaaaaaaaaaaa");
        }
        assertThat(images.recipes()).containsExactly("debian-11-cccccccccccccccc", "debian-13-bbbbbbbbbbbbbbbb");
    }

    @Test
    void anImageLinkedToAPrunedBuildKeepsItsDisk() throws Exception {
        Path old = recipe("debian-11-cccccccccccccccc", 5);
        recipe("debian-12-aaaaaaaaaaaaaaaa", 1);
        Path image = Files.createDirectories(cache.resolveSibling(cache.getFileName() + "-state/images/qimg-1"));
        QemuFiles.linkOrCopy(old.resolve(QemuImageBuilder.ROOT), image.resolve(QemuImages.DISK));

        assertThat(new QemuImageCache(cache).prune(1, Set.of())).containsExactly("debian-11-cccccccccccccccc");

        assertThat(image.resolve(QemuImages.DISK)).hasContent("disk of debian-11-cccccccccccccccc");
        QemuFiles.deleteTree(image.getParent().getParent());
    }

    @Test
    void theSettingIsAWholeNumberOfAtLeastOneAndTwoByDefault() {
        assertThat(QemuSettings.from(context(Map.of()), Map.of()).imageCacheKeep()).isEqualTo(2);
        assertThat(QemuSettings.from(context(Map.of("image_cache_keep", "5")), Map.of()).imageCacheKeep())
                .isEqualTo(5);
        for (String bad : List.of("0", "-1", "two")) {
            assertThatThrownBy(() -> QemuSettings.from(context(Map.of("image_cache_keep", bad)), Map.of()))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.providerCode()).isEqualTo("InvalidSetting");
                        assertThat(e.getMessage()).contains("image_cache_keep").contains(bad);
                    });
        }
    }

    private ProviderContext context(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("accel", "tcg");
        return new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, cache, all, null);
    }
}
