/**
 * The {@code qemu} provider: real guests on this machine, each a {@code qemu-system-x86_64} process (KVM where
 * {@code /dev/kvm} is usable, else TCG) on a qcow2 overlay, first booted with a NoCloud seed, reached over SSH on a
 * forwarded loopback port and powered over QMP ({@link io.altostratus.qemu.QemuProvider}); images imported from cloud
 * image files or built from Debian packages ({@link io.altostratus.qemu.QemuImageBuilder}, its cache pruned by
 * {@link io.altostratus.qemu.QemuImageCache}); volumes as qcow2 files hot-plugged over QMP
 * ({@link io.altostratus.qemu.QemuVolumes}); key pairs put in the seed's meta-data
 * ({@link io.altostratus.qemu.QemuKeyPairs}).
 */
package io.altostratus.qemu;
