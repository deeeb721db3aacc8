package io.altostratus.cloudinit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes an ISO 9660 image holding files in its root directory, with Rock Ridge (RRIP 1991A over SUSP) names and
 * modes in the primary tree and a Joliet tree beside it, as {@code genisoimage -J -R} would: Linux, BSD and the
 * hypervisors that attach NoCloud seeds read the long lower-case names from either extension, and the plain
 * ISO 9660 names (8.3, upper case) remain for readers that know neither.
 *
 * <p>Layout, in 2048-byte sectors: 0-15 system area (zeros); 16 primary volume descriptor; 17 Joliet
 * supplementary volume descriptor; 18 set terminator; 19-22 the little- and big-endian path tables of each tree;
 * 23 the Rock Ridge continuation area (the ER entry, too large for the root's "." record); then the primary root
 * directory, the Joliet root directory, each file's data from a sector boundary, then 150 zero sectors of padding.
 * Only a flat root is supported: a NoCloud seed needs nothing else.
 */
public final class Iso9660Writer {
    public static final int SECTOR = 2048;

    /** One file of the root directory: its name (as Rock Ridge and Joliet show it), bytes and POSIX mode bits. */
    public record Entry(String name, byte[] data, int mode) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    private static final Pattern VOLUME_ID = Pattern.compile("[A-Za-z0-9_]{1,16}");
    private static final int PVD = 16;
    private static final int SVD = 17;
    private static final int TERMINATOR = 18;
    private static final int PRIMARY_L_TABLE = 19;
    private static final int PRIMARY_M_TABLE = 20;
    private static final int JOLIET_L_TABLE = 21;
    private static final int JOLIET_M_TABLE = 22;
    private static final int CONTINUATION = 23;
    private static final int FIRST_DIRECTORY = 24;
    private static final int PATH_TABLE_SIZE = 10;
    /**
     * Zero sectors after the last file, counted in the volume size as genisoimage does by default: Linux CD
     * read-ahead can fail on the last sectors of a track, and libburn (xorriso) reports a session without this
     * tail as holding 0 data blocks.
     */
    static final int TAIL_PADDING_SECTORS = 150;
    private static final long MAX_FILE = 0xFFFF_FFFFL;
    private static final int DIRECTORY_MODE = 040555;
    private static final int FLAG_DIRECTORY = 2;

    // RRIP's registered extension identifier with the descriptor and source texts the specification gives.
    private static final String RR_ID = "RRIP_1991A";
    private static final String RR_DESCRIPTOR =
            "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS";
    private static final String RR_SOURCE = "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  "
            + "SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.";

    private final String volumeId;
    private final List<Placed> files;
    private final byte[] recordTime;
    private final byte[] volumeTime;

    private record Placed(Entry entry, byte[] isoName, byte[] jolietName, int lba) {
    }

    private Iso9660Writer(String volumeId, List<Placed> files, Instant time) {
        this.volumeId = volumeId;
        this.files = files;
        this.recordTime = recordDate(time);
        this.volumeTime = volumeDate(time);
    }

    /**
     * The image bytes.
     *
     * @param volumeId 1-16 of [A-Za-z0-9_], written as given (NoCloud looks for {@code cidata})
     * @param entries root files; names 1-64 characters without '/' or NUL, unique
     * @param time the recording time of every file and of the volume
     */
    public static byte[] write(String volumeId, List<Entry> entries, Instant time) {
        if (!VOLUME_ID.matcher(volumeId).matches()) {
            throw new IllegalArgumentException("volume id must be 1-16 of [A-Za-z0-9_]: '" + volumeId + "'");
        }
        Set<String> seen = new HashSet<>();
        Set<String> isoNames = new HashSet<>();
        List<Entry> sorted = new ArrayList<>(entries);
        List<byte[]> assigned = new ArrayList<>();
        for (Entry e : sorted) {
            checkName(e.name());
            if (!seen.add(e.name())) {
                throw new IllegalArgumentException("duplicate file name '" + e.name() + "'");
            }
            if (e.data().length > MAX_FILE) {
                throw new IllegalArgumentException("'" + e.name() + "' is larger than ISO 9660's 4 GiB extent");
            }
            assigned.add(isoName(e.name(), isoNames).getBytes(StandardCharsets.US_ASCII));
        }
        // Sectors before the data: descriptors, tables, continuation area and both directories.
        int primarySectors = sectorsFor(recordLengths(sorted, assigned, true));
        int jolietSectors = sectorsFor(recordLengths(sorted, assigned, false));
        int next = FIRST_DIRECTORY + primarySectors + jolietSectors;
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Entry e = sorted.get(i);
            // An empty file owns no sector; it points at the first data sector, which every reader accepts.
            placed.add(new Placed(e, assigned.get(i), e.name().getBytes(StandardCharsets.UTF_16BE),
                    e.data().length == 0 ? 0 : next));
            next += (int) ((e.data().length + SECTOR - 1L) / SECTOR);
        }
        Iso9660Writer w = new Iso9660Writer(volumeId, placed, time);
        return w.image(primarySectors, jolietSectors, next + TAIL_PADDING_SECTORS);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > 64 || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0
                || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("file name must be 1-64 characters without '/' or NUL: '" + name + "'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 200) {
            throw new IllegalArgumentException("file name too long for one Rock Ridge NM entry: '" + name + "'");
        }
    }

    /** An ISO 9660 level-1 name: upper-case d-characters, 8.3, version 1, unique among the given. */
    static String isoName(String name, Set<String> taken) {
        String upper = name.toUpperCase(Locale.ROOT);
        int dot = upper.lastIndexOf('.');
        String base = dot > 0 ? upper.substring(0, dot) : upper;
        String ext = dot > 0 ? upper.substring(dot + 1) : "";
        base = dChars(base);
        ext = dChars(ext);
        if (base.isEmpty()) {
            base = "_";
        }
        base = base.substring(0, Math.min(8, base.length()));
        ext = ext.substring(0, Math.min(3, ext.length()));
        String candidate = base + "." + ext;
        for (int n = 1; !taken.add(candidate); n++) {
            String suffix = Integer.toString(n);
            String shortened = base.substring(0, Math.min(base.length(), 8 - suffix.length()));
            candidate = shortened + suffix + "." + ext;
        }
        return candidate + ";1";
    }

    private static String dChars(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? c : '_');
        }
        return b.toString();
    }

    // ---- directory records ----------------------------------------------------------------------------------

    private static List<Integer> recordLengths(List<Entry> entries, List<byte[]> isoNames, boolean primary) {
        List<Integer> lengths = new ArrayList<>();
        lengths.add(recordLength(1, primary ? dotSystemUse(0, 0, null).length : 0));
        lengths.add(recordLength(1, primary ? dotDotSystemUse(null).length : 0));
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (primary) {
                lengths.add(recordLength(isoNames.get(i).length, fileSystemUse(e, null).length));
            } else {
                lengths.add(recordLength(e.name().getBytes(StandardCharsets.UTF_16BE).length, 0));
            }
        }
        return lengths;
    }

    private static int recordLength(int identifierLength, int systemUseLength) {
        int len = 33 + identifierLength + (identifierLength % 2 == 0 ? 1 : 0) + systemUseLength;
        return len + (len % 2);
    }

    /** Records never straddle a sector: one that does not fit starts the next. */
    private static int sectorsFor(List<Integer> lengths) {
        int sectors = 1;
        int used = 0;
        for (int len : lengths) {
            if (used + len > SECTOR) {
                sectors++;
                used = 0;
            }
            used += len;
        }
        return sectors;
    }

    private byte[] directory(boolean primary, int selfLba, int sectors) {
        List<byte[]> records = new ArrayList<>();
        int size = sectors * SECTOR;
        byte[] dotUse = primary ? dotSystemUse(CONTINUATION, erEntry().length, recordTime) : new byte[0];
        byte[] dotDotUse = primary ? dotDotSystemUse(recordTime) : new byte[0];
        records.add(record(selfLba, size, FLAG_DIRECTORY, new byte[] {0}, dotUse));
        records.add(record(selfLba, size, FLAG_DIRECTORY, new byte[] {1}, dotDotUse));
        List<Placed> order = new ArrayList<>(files);
        if (primary) {
            order.sort(Comparator.comparing(p -> isoSortKey(p.isoName())));
        } else {
            order.sort((a, b) -> Arrays.compareUnsigned(a.jolietName(), b.jolietName()));
        }
        for (Placed p : order) {
            byte[] name = primary ? p.isoName() : p.jolietName();
            byte[] use = primary ? fileSystemUse(p.entry(), recordTime) : new byte[0];
            records.add(record(p.lba(), p.entry().data().length, 0, name, use));
        }
        byte[] out = new byte[size];
        int sector = 0;
        int used = 0;
        for (byte[] r : records) {
            if (used + r.length > SECTOR) {
                sector++;
                used = 0;
            }
            System.arraycopy(r, 0, out, sector * SECTOR + used, r.length);
            used += r.length;
        }
        return out;
    }

    /** ISO 9660 orders by name, then extension, each compared as if padded with spaces. */
    private static String isoSortKey(byte[] isoName) {
        String s = new String(isoName, StandardCharsets.US_ASCII);
        String plain = s.substring(0, s.indexOf(';'));
        int dot = plain.indexOf('.');
        return String.format("%-8s.%-3s", plain.substring(0, dot), plain.substring(dot + 1));
    }

    private byte[] record(int lba, long size, int flags, byte[] identifier, byte[] systemUse) {
        int len = recordLength(identifier.length, systemUse.length);
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put((byte) len);
        b.put((byte) 0); // no extended attribute record
        putBoth32(b, lba);
        putBoth32(b, (int) size);
        b.put(recordTime);
        b.put((byte) flags);
        b.put((byte) 0); // file unit size: not interleaved
        b.put((byte) 0); // interleave gap
        putBoth16(b, 1); // volume sequence number
        b.put((byte) identifier.length);
        b.put(identifier);
        if (identifier.length % 2 == 0) {
            b.put((byte) 0);
        }
        b.put(systemUse);
        return b.array();
    }

    // ---- Rock Ridge (SUSP entries) ----------------------------------------------------------------------------

    // With null time the entries are built only for their length.
    private static byte[] dotSystemUse(int continuationLba, int continuationLength, byte[] time) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        // SP: SUSP is in use, nothing to skip before each system use area.
        s.writeBytes(new byte[] {'S', 'P', 7, 1, (byte) 0xBE, (byte) 0xEF, 0});
        s.writeBytes(rrFlags(false));
        s.writeBytes(px(DIRECTORY_MODE, 2));
        s.writeBytes(tf(time));
        ByteBuffer ce = ByteBuffer.allocate(28);
        ce.put((byte) 'C').put((byte) 'E').put((byte) 28).put((byte) 1);
        putBoth32(ce, continuationLba);
        putBoth32(ce, 0);
        putBoth32(ce, continuationLength);
        s.writeBytes(ce.array());
        return s.toByteArray();
    }

    private static byte[] dotDotSystemUse(byte[] time) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(rrFlags(false));
        s.writeBytes(px(DIRECTORY_MODE, 2));
        s.writeBytes(tf(time));
        return s.toByteArray();
    }

    private static byte[] fileSystemUse(Entry e, byte[] time) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(rrFlags(true));
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        s.write('N');
        s.write('M');
        s.write(5 + name.length);
        s.write(1);
        s.write(0); // flags: the whole name, not continued
        s.writeBytes(name);
        s.writeBytes(px(0100000 | (e.mode() & 07777), 1));
        s.writeBytes(tf(time));
        return s.toByteArray();
    }

    /** RRIP 1.09's RR entry, which older readers (and isoinfo) look for: which RRIP entries follow. */
    private static byte[] rrFlags(boolean named) {
        int flags = 0x01 | 0x80 | (named ? 0x08 : 0); // PX, TF, and NM for named entries
        return new byte[] {'R', 'R', 5, 1, (byte) flags};
    }

    private static byte[] px(int mode, int links) {
        ByteBuffer b = ByteBuffer.allocate(36);
        b.put((byte) 'P').put((byte) 'X').put((byte) 36).put((byte) 1);
        putBoth32(b, mode);
        putBoth32(b, links);
        putBoth32(b, 0); // uid root
        putBoth32(b, 0); // gid root
        return b.array();
    }

    private static byte[] tf(byte[] time) {
        ByteBuffer b = ByteBuffer.allocate(5 + 3 * 7);
        b.put((byte) 'T').put((byte) 'F').put((byte) 26).put((byte) 1);
        b.put((byte) 0x0E); // modify, access and attribute-change times, 7-byte form
        byte[] t = time == null ? new byte[7] : time;
        b.put(t).put(t).put(t);
        return b.array();
    }

    private static byte[] erEntry() {
        byte[] id = RR_ID.getBytes(StandardCharsets.US_ASCII);
        byte[] des = RR_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
        byte[] src = RR_SOURCE.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(8 + id.length + des.length + src.length);
        b.put((byte) 'E').put((byte) 'R').put((byte) b.capacity()).put((byte) 1);
        b.put((byte) id.length).put((byte) des.length).put((byte) src.length).put((byte) 1);
        b.put(id).put(des).put(src);
        return b.array();
    }

    // ---- volume descriptors and path tables ------------------------------------------------------------------

    private byte[] image(int primarySectors, int jolietSectors, int totalSectors) {
        byte[] image = new byte[totalSectors * SECTOR];
        int primaryRoot = FIRST_DIRECTORY;
        int jolietRoot = FIRST_DIRECTORY + primarySectors;
        put(image, PVD, volumeDescriptor(false, totalSectors, primaryRoot, primarySectors,
                PRIMARY_L_TABLE, PRIMARY_M_TABLE));
        put(image, SVD, volumeDescriptor(true, totalSectors, jolietRoot, jolietSectors,
                JOLIET_L_TABLE, JOLIET_M_TABLE));
        byte[] terminator = new byte[SECTOR];
        terminator[0] = (byte) 255;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, terminator, 1, 5);
        terminator[6] = 1;
        put(image, TERMINATOR, terminator);
        put(image, PRIMARY_L_TABLE, pathTable(primaryRoot, ByteOrder.LITTLE_ENDIAN));
        put(image, PRIMARY_M_TABLE, pathTable(primaryRoot, ByteOrder.BIG_ENDIAN));
        put(image, JOLIET_L_TABLE, pathTable(jolietRoot, ByteOrder.LITTLE_ENDIAN));
        put(image, JOLIET_M_TABLE, pathTable(jolietRoot, ByteOrder.BIG_ENDIAN));
        put(image, CONTINUATION, erEntry());
        put(image, primaryRoot, directory(true, primaryRoot, primarySectors));
        put(image, jolietRoot, directory(false, jolietRoot, jolietSectors));
        for (Placed p : files) {
            if (p.entry().data().length > 0) {
                put(image, p.lba(), p.entry().data());
            }
        }
        return image;
    }

    private static void put(byte[] image, int sector, byte[] data) {
        System.arraycopy(data, 0, image, sector * SECTOR, data.length);
    }

    private byte[] volumeDescriptor(boolean joliet, int totalSectors, int rootLba, int rootSectors,
                                    int lTable, int mTable) {
        ByteBuffer b = ByteBuffer.allocate(SECTOR);
        b.put((byte) (joliet ? 2 : 1));
        b.put("CD001".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 1);
        b.put((byte) 0);
        b.put(text("LINUX", 32, joliet)); // system identifier
        b.put(text(volumeId, 32, joliet));
        b.position(80);
        putBoth32(b, totalSectors);
        if (joliet) {
            b.put(new byte[] {'%', '/', 'E'}); // escape sequence: UCS-2 level 3
        }
        b.position(120);
        putBoth16(b, 1); // volume set size
        putBoth16(b, 1); // volume sequence number
        putBoth16(b, SECTOR);
        putBoth32(b, PATH_TABLE_SIZE);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(lTable).putInt(0);
        b.order(ByteOrder.BIG_ENDIAN).putInt(mTable).putInt(0);
        byte[] root = record(rootLba, (long) rootSectors * SECTOR, FLAG_DIRECTORY, new byte[] {0}, new byte[0]);
        b.put(root); // 34 bytes: the root's record carries no system use here
        b.put(text("", 128, joliet)); // volume set
        b.put(text("", 128, joliet)); // publisher
        b.put(text("", 128, joliet)); // data preparer
        b.put(text("ALTOSTRATUS", 128, joliet)); // application
        b.put(text("", 37, joliet)); // copyright file
        b.put(text("", 37, joliet)); // abstract file
        b.put(text("", 37, joliet)); // bibliographic file
        b.put(volumeTime); // creation
        b.put(volumeTime); // modification
        b.put(unsetVolumeDate()); // expiration
        b.put(unsetVolumeDate()); // effective
        b.put((byte) 1); // file structure version
        return b.array();
    }

    /** A fixed-width identifier: ASCII padded with spaces, or for Joliet UCS-2BE padded with UCS-2 spaces. */
    private static byte[] text(String s, int width, boolean ucs2) {
        byte[] out = new byte[width];
        if (ucs2) {
            for (int i = 0; i + 1 < width; i += 2) {
                char c = i / 2 < s.length() ? s.charAt(i / 2) : ' ';
                out[i] = (byte) (c >> 8);
                out[i + 1] = (byte) c;
            }
            if (width % 2 == 1) {
                out[width - 1] = 0;
            }
        } else {
            Arrays.fill(out, (byte) ' ');
            byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(ascii, 0, out, 0, Math.min(width, ascii.length));
        }
        return out;
    }

    private static byte[] pathTable(int rootLba, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(PATH_TABLE_SIZE).order(order);
        b.put((byte) 1); // identifier length
        b.put((byte) 0); // extended attribute length
        b.putInt(rootLba);
        b.putShort((short) 1); // parent: the root is its own parent
        b.put((byte) 0); // the root's identifier
        b.put((byte) 0); // pad to even
        return b.array();
    }

    // ---- fields --------------------------------------------------------------------------------------------

    private static void putBoth16(ByteBuffer b, int v) {
        b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 8)).put((byte) v);
    }

    private static void putBoth32(ByteBuffer b, int v) {
        b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16)).put((byte) (v >> 24));
        b.put((byte) (v >> 24)).put((byte) (v >> 16)).put((byte) (v >> 8)).put((byte) v);
    }

    private static byte[] recordDate(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        if (z.getYear() < 1900 || z.getYear() > 2155) {
            throw new IllegalArgumentException("ISO 9660 records years 1900-2155, not " + z.getYear());
        }
        return new byte[] {(byte) (z.getYear() - 1900), (byte) z.getMonthValue(), (byte) z.getDayOfMonth(),
                (byte) z.getHour(), (byte) z.getMinute(), (byte) z.getSecond(), 0};
    }

    private static byte[] volumeDate(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        String digits = String.format("%04d%02d%02d%02d%02d%02d%02d", z.getYear(), z.getMonthValue(),
                z.getDayOfMonth(), z.getHour(), z.getMinute(), z.getSecond(), z.getNano() / 10_000_000);
        byte[] out = new byte[17];
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, out, 0, 16);
        out[16] = 0; // offset from GMT in 15-minute units
        return out;
    }

    private static byte[] unsetVolumeDate() {
        byte[] out = new byte[17];
        Arrays.fill(out, 0, 16, (byte) '0');
        return out;
    }
}
