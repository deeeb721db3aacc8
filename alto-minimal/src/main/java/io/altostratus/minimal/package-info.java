/**
 * The {@code minimal} provider: a made-up cloud that offers the core SPI and nothing else, written as the worked
 * example for provider authors (see {@code docs/providers.md}). Read it in this order: {@link
 * io.altostratus.minimal.MinimalProviderFactory} (how a provider is found and opened), {@link
 * io.altostratus.minimal.MinimalCatalog} (places, sizes and images), {@link io.altostratus.minimal.MinimalIds} (ids
 * and their errors), {@link io.altostratus.minimal.MinimalCloud} (the core calls) and {@link
 * io.altostratus.minimal.MinimalState} (what is remembered, in memory or in one JSON file).
 */
package io.altostratus.minimal;
