/**
 * The clusters contract kit: JUnit 5 interfaces whose default tests check what every
 * {@link io.altostratus.core.clusters.Clusters} backend must do (lifecycle, versions and one-step upgrades, node
 * pools and their nodes, errors). A backend's test implements {@link io.altostratus.testkit.clusters.ClustersContract}
 * (or some of its parts) and supplies a {@link io.altostratus.testkit.clusters.ClustersFixture}; each test gets a
 * {@link io.altostratus.testkit.clusters.ClustersSession} that names, waits on the fixture's clock and cleans up.
 */
package io.altostratus.testkit.clusters;
