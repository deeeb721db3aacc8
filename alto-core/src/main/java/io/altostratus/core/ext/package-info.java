/**
 * Portable extensions: features several clouds have but not every provider offers (volumes, snapshots, key pairs,
 * networks, security groups, network interfaces, console output). A provider offers one by implementing it.
 */
package io.altostratus.core.ext;
