/**
 * The gateway's HTTP front: the EC2 Query protocol over the JDK's HTTP server, parameters parsed strictly, requests
 * authenticated, errors always EC2's XML error document. {@link io.altostratus.gateway.http.ActionDispatcher} is the
 * seam where the codec and the action handlers plug in. {@link io.altostratus.gateway.http.HttpRequests} is the
 * request plumbing the REST fronts mounted beside it (GCE, Cloud Billing, ARM) share.
 */
package io.altostratus.gateway.http;
