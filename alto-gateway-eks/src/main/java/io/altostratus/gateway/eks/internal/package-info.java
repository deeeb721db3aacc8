/**
 * The EKS front's inside: the operations read off the SDK's model, the rest-json codec, routing, authentication,
 * the operations over a backend's {@code Clusters}, and the EKS-only facts the front keeps. Not API.
 */
package io.altostratus.gateway.eks.internal;
