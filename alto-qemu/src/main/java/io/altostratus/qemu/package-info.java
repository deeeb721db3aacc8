/**
 * The {@code qemu} provider: real guests on this machine, each a {@code qemu-system-x86_64} process (KVM where
 * {@code /dev/kvm} is usable, else TCG) or, for arm64 images, a {@code qemu-system-aarch64} virt machine booting
 * UEFI ({@link io.altostratus.qemu.GuestArch}), on a qcow2 overlay, first booted with a NoCloud seed, reached over
 * SSH on a forwarded loopback port and powered over QMP ({@link io.altostratus.qemu.QemuProvider}); optionally a
 * second NIC on the user's tap or bridge ({@link io.altostratus.qemu.QemuNetwork}); images imported from cloud
 * image files (their architecture given at import) or built from Debian packages, arm64 ones through
 * qemu-user-static ({@link io.altostratus.qemu.QemuImageBuilder}, its cache pruned by
 * {@link io.altostratus.qemu.QemuImageCache}); volumes as qcow2 files hot-plugged over QMP
 * ({@link io.altostratus.qemu.QemuVolumes}); key pairs put in the seed's meta-data
 * ({@link io.altostratus.qemu.QemuKeyPairs}).
 */
package io.altostratus.qemu;
