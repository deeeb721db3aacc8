/**
 * The Amazon EKS API (rest-json) over any backend's {@code Clusters} service, served by {@code alto serve --api eks}.
 */
package io.altostratus.gateway.eks;
