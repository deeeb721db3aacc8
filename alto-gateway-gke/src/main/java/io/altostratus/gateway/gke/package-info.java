/**
 * Google Kubernetes Engine's container/v1 REST API over any backend's {@code Clusters} service, served by
 * {@code alto serve --api gke}.
 */
package io.altostratus.gateway.gke;
