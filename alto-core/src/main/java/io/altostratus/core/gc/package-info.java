/**
 * Leaked-resource collection over any provider: {@link io.altostratus.core.gc.OwnedResources} finds what alto made by
 * its ownership tags and deletes it in dependency order, through the façade and whatever extensions the provider
 * offers. Who the owner is comes from the provider's {@link io.altostratus.core.ext.Ownership} extension where it has
 * one.
 */
package io.altostratus.core.gc;
