package io.altostratus.core.spec;

/**
 * An IPv4 CIDR block, parsed and checked. Addresses are unsigned 32-bit values held in a long.
 *
 * @param base         the network address (host bits zero)
 * @param prefixLength 0..32
 */
public record Cidr(long base, int prefixLength) {

    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CIDR block is missing");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR block (expected a.b.c.d/n): " + text);
        }
        long address = parseAddress(text.substring(0, slash), text);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR block (bad prefix length): " + text);
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("not a CIDR block (prefix length must be 0..32): " + text);
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((address & mask) != address) {
            throw new IllegalArgumentException("not a CIDR block (host bits set): " + text);
        }
        return new Cidr(address, prefix);
    }

    public static long parseAddress(String dotted, String context) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + context);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + context);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + context);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public long last() {
        return base + size() - 1;
    }

    public boolean contains(long address) {
        return address >= base && address <= last();
    }

    public boolean contains(Cidr other) {
        return other.base >= base && other.last() <= last();
    }

    public boolean overlaps(Cidr other) {
        return base <= other.last() && other.base <= last();
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefixLength;
    }
}
