/**
 * Lambda Cloud as a catalog-only cloud: its instance types, the regions with capacity for them and their on-demand
 * prices, read from Lambda's public API by {@code alto catalog refresh --provider lambda}. Alto launches nothing
 * there, so a compute session is refused.
 */
package io.altostratus.lambda;
