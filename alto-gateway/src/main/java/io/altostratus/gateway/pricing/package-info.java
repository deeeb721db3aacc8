/**
 * The AWS Price List Query API ({@code AWSPriceListService}: GetProducts, DescribeServices, GetAttributeValues) on
 * the gateway's {@code POST /}, answered from an AWS {@link io.altostratus.catalog.Catalog}'s quoted on-demand prices,
 * so that {@code alto catalog refresh --provider aws} can run against {@code alto serve}.
 */
package io.altostratus.gateway.pricing;
