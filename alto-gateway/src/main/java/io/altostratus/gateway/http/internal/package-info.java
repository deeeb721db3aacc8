/** The HTTP front's implementation (routing, strict parameter parsing, response bodies); not a public API. */
package io.altostratus.gateway.http.internal;
