/** The GKE front's workings: HTTP, routing, the mapping onto the portable clusters model, operations. Not API. */
package io.altostratus.gateway.gke.internal;
