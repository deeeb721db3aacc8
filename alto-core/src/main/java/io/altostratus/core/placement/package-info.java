/**
 * Launch anywhere: a launch walked over an ordered list of places (cloud, region, zone, instance type), failing over
 * when a place cannot take it. {@link io.altostratus.core.placement.Candidates} builds the list from what the clouds
 * offer, cheapest first; {@link io.altostratus.core.placement.FailoverPolicy} walks it, blocks the places a failure
 * rules out, cleans up and verifies what each failed attempt made, and says which attempts failed and why.
 */
package io.altostratus.core.placement;
