/** The ARM front's internals: HTTP and routing, the resources, what is kept in the store. Not API. */
package io.altostratus.gateway.arm.internal;
