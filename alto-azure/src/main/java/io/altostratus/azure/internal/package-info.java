/**
 * The azure provider's plumbing, not API: the hand-built HTTP pipeline and the lazily made ARM clients
 * ({@link io.altostratus.azure.internal.ArmClients}), the call policy with retries and long-running operations
 * ({@link io.altostratus.azure.internal.ArmCalls}), ARM errors as portable ones
 * ({@link io.altostratus.azure.internal.ArmErrors}) and ARM ids and names
 * ({@link io.altostratus.azure.internal.ArmNames}).
 */
package io.altostratus.azure.internal;
