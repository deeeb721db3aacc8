/** The gcp provider's plumbing: clients, the call and operation policy, error translation, conversions. Not API. */
package io.altostratus.gcp.internal;
