package io.altostratus.core.spi;

/**
 * Optional features a provider may offer. The core operations (launch, get, list, start, stop, reboot,
 * terminate, list images, regions, zones and types) are not optional; everything here is.
 */
public enum Capability {
    /** Stop and start an instance, keeping its disks. */
    STOP_START,
    /** Reboot in place. */
    REBOOT,
    /** Stop without a guest shutdown. */
    FORCE_STOP,
    /** Make an image from an instance, and delete images. */
    CREATE_IMAGE,
    /** Register, create, import and delete SSH key pairs. */
    KEY_PAIRS,
    /** Create and delete networks, subnets and security groups. */
    NETWORKS,
    /** Create, attach, detach and delete volumes. */
    VOLUMES,
    /** Snapshot volumes. */
    SNAPSHOTS,
    /** Create, attach, detach and delete network interfaces. */
    NETWORK_INTERFACES,
    /** Tags on every resource. */
    TAGS,
    /** Spot (preemptible) capacity. */
    SPOT,
    /** Client tokens make launches idempotent. */
    CLIENT_TOKEN,
    /** The guest's serial console output. */
    CONSOLE_OUTPUT,
    /** Internet gateways: create, attach to a network, detach, delete. */
    INTERNET_GATEWAYS,
    /** Route tables: create, delete, associate with subnets, and their routes. */
    ROUTE_TABLES,
    /** Network ACLs, listed (every network has a default one). */
    NETWORK_ACLS,
    /** Elastic (allocated) public addresses: allocate, associate, disassociate, release. */
    ELASTIC_IPS,
    /** Security group rules listed one peer at a time, each with its own stable id. */
    SECURITY_GROUP_RULES,
    /** Network and subnet attributes (DNS support and hostnames, public addresses on launch) can be changed. */
    NETWORK_ATTRIBUTES,
    /** Instance attributes (type, termination protection, user data) can be read and changed. */
    INSTANCE_ATTRIBUTES,
    /** Instances run a real guest reachable over SSH (the local cloud's simulated machines do not). */
    GUEST_ACCESS,
    /**
     * Instance metadata options (IMDS tokens, hop limit, endpoint, IPv6, tags) are taken at launch, reported on every
     * read and can be changed.
     */
    INSTANCE_METADATA_OPTIONS
}
