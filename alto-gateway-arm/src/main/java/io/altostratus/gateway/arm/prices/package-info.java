/**
 * The Azure Retail Prices API front ({@link io.altostratus.gateway.arm.prices.RetailPricesFront}): the public price
 * list Azure tools read VM prices from, served from an alto catalog so that a price refresh runs offline.
 */
package io.altostratus.gateway.arm.prices;
