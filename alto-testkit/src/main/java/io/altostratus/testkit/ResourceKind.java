package io.altostratus.testkit;

import io.altostratus.core.ec2.Ec2IdKind;

/**
 * The kinds of resource whose ids the kit needs to invent: ids that name nothing (to check {@code NOT_FOUND}) and
 * ids that cannot be ids at all (to check {@code INVALID_PARAMETER}). A fixture answers per kind
 * ({@link ProviderFixture#missingId}, {@link ProviderFixture#malformedId}); the defaults have EC2's shapes.
 */
public enum ResourceKind {
    INSTANCE(Ec2IdKind.INSTANCE),
    IMAGE(Ec2IdKind.IMAGE),
    VOLUME(Ec2IdKind.VOLUME),
    SNAPSHOT(Ec2IdKind.SNAPSHOT),
    NETWORK(Ec2IdKind.VPC),
    SUBNET(Ec2IdKind.SUBNET),
    SECURITY_GROUP(Ec2IdKind.SECURITY_GROUP),
    NETWORK_INTERFACE(Ec2IdKind.NETWORK_INTERFACE),
    INTERNET_GATEWAY(Ec2IdKind.INTERNET_GATEWAY),
    ROUTE_TABLE(Ec2IdKind.ROUTE_TABLE),
    ELASTIC_ADDRESS(Ec2IdKind.ALLOCATION),
    SPOT_REQUEST(Ec2IdKind.SPOT_REQUEST);

    private final Ec2IdKind ec2;

    ResourceKind(Ec2IdKind ec2) {
        this.ec2 = ec2;
    }

    /** How EC2 spells ids of this kind. */
    public Ec2IdKind ec2() {
        return ec2;
    }

    /** A well-formed EC2 id of this kind that no EC2-shaped backend hands out (its digits run backwards). */
    public String ec2MissingId() {
        return ec2.prefix() + "-0fedcba9876543210";
    }
}
