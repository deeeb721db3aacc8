package io.altostratus.local.internal;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * IPv6 addresses and blocks as the local cloud hands them out: VPCs get a /56 of {@code 2600:1f18::/32} (the space
 * EC2 gives us-east-1 VPCs from), subnets a /64 of their VPC's, interfaces addresses of their subnet's. Text is
 * written in RFC 5952's canonical form (lowercase, longest zero run as {@code ::}), as EC2 writes it.
 */
final class Ipv6 {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigInteger AMAZON_SPACE = BigInteger.valueOf(0x26001f18L).shiftLeft(96);
    private static final BigInteger ALL_ONES = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private Ipv6() {
    }

    /** A block: its first address and prefix length. */
    record Block(BigInteger base, int prefixLength) {
        static Block parse(String text) {
            int slash = text == null ? -1 : text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not an IPv6 CIDR block: " + text);
            }
            int prefix;
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv6 CIDR block: " + text);
            }
            if (prefix < 0 || prefix > 128) {
                throw new IllegalArgumentException("not an IPv6 CIDR block: " + text);
            }
            BigInteger address = parseAddress(text.substring(0, slash));
            BigInteger base = address.and(mask(prefix));
            if (!base.equals(address)) {
                throw new IllegalArgumentException("the block " + text + " has host bits set");
            }
            return new Block(base, prefix);
        }

        boolean contains(Block other) {
            return other.prefixLength >= prefixLength && other.base.and(mask(prefixLength)).equals(base);
        }

        boolean contains(BigInteger address) {
            return address.and(mask(prefixLength)).equals(base);
        }

        boolean overlaps(Block other) {
            return contains(other) || other.contains(this);
        }

        /** A random address of the block. */
        BigInteger randomAddress() {
            int hostBits = 128 - prefixLength;
            BigInteger host = new BigInteger(hostBits, RANDOM);
            // Keep clear of the block's first addresses, which EC2 reserves for the router and DNS.
            if (host.compareTo(BigInteger.valueOf(16)) < 0) {
                host = host.add(BigInteger.valueOf(16));
            }
            return base.or(host);
        }

        @Override
        public String toString() {
            return format(base) + "/" + prefixLength;
        }
    }

    /** A fresh /56 of Amazon's space (the caller checks it is not taken). */
    static Block randomVpcBlock() {
        BigInteger n = BigInteger.valueOf(RANDOM.nextInt(1 << 24));
        return new Block(AMAZON_SPACE.or(n.shiftLeft(72)), 56);
    }

    static BigInteger parseAddress(String text) {
        if (text == null || !text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        try {
            // A literal with colons is parsed, never looked up.
            InetAddress address = InetAddress.getByName(text);
            if (!(address instanceof Inet6Address)) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            return new BigInteger(1, address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
    }

    /** The address in canonical text. */
    static String format(BigInteger value) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The address in canonical text, or an {@link IllegalArgumentException} when it is not one. */
    static String canonical(String text) {
        return format(parseAddress(text));
    }

    private static BigInteger mask(int prefixLength) {
        return ALL_ONES.shiftRight(128 - prefixLength).shiftLeft(128 - prefixLength);
    }
}
