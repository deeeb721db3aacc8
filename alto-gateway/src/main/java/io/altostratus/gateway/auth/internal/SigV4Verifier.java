package io.altostratus.gateway.auth.internal;

import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AuthError;
import io.altostratus.gateway.auth.AuthException;
import io.altostratus.gateway.auth.Caller;
import io.altostratus.gateway.auth.IncomingRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks AWS Signature Version 4, in the {@code Authorization} header or presigned in the query string, against the
 * registered secret of the signing key. The region is whatever the credential scope names; the service must be the
 * one this verifier is for.
 */
public final class SigV4Verifier {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** AWS's limit for a presigned request's lifetime: seven days. */
    public static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final String TERMINATOR = "aws4_request";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final java.util.Set<String> services;
    private final Clock clock;
    private final Duration maxSkew;
    private final Function<String, Optional<AccessKey>> keys;

    /**
     * @param service the signing name requests must be scoped to (EC2's is {@code ec2})
     * @param maxSkew how far a request's date may be from {@code clock} (AWS: 15 minutes)
     * @param keys    finds a registered key by id
     */
    public SigV4Verifier(String service, Clock clock, Duration maxSkew, Function<String, Optional<AccessKey>> keys) {
        this(java.util.Set.of(Objects.requireNonNull(service, "service")), clock, maxSkew, keys);
    }

    /**
     * A verifier for an endpoint that serves several services (the gateway answers STS's GetCallerIdentity beside
     * EC2, and clients scope each to its own signing name).
     *
     * @param services the signing names requests may be scoped to
     */
    public SigV4Verifier(java.util.Set<String> services, Clock clock, Duration maxSkew,
                         Function<String, Optional<AccessKey>> keys) {
        this.services = java.util.Set.copyOf(services);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The pieces of {@code Credential=AKID/20150830/us-east-1/ec2/aws4_request}. */
    public record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {
        /** The scope as it appears in the string to sign: everything after the key id. */
        public String scope() {
            return date + "/" + region + "/" + service + "/" + terminator;
        }

        /** Parses a credential; empty when it does not have five non-empty parts. */
        public static Optional<CredentialScope> parse(String credential) {
            if (credential == null) {
                return Optional.empty();
            }
            String[] parts = credential.split("/", -1);
            if (parts.length != 5) {
                return Optional.empty();
            }
            for (String part : parts) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]));
        }
    }

    /** The parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
    public record AuthorizationHeader(String credential, String signedHeaders, String signature) {
        /** Parses the header; throws IncompleteSignature when a component is missing. */
        public static AuthorizationHeader parse(String header) {
            if (!header.startsWith(ALGORITHM + " ")) {
                throw AuthException.incomplete("Unsupported Authorization Type");
            }
            String credential = null;
            String signedHeaders = null;
            String signature = null;
            for (String component : header.substring(ALGORITHM.length() + 1).split(",")) {
                String trimmed = component.strip();
                int eq = trimmed.indexOf('=');
                if (eq <= 0) {
                    throw AuthException.incomplete("Authorization header requires 'Credential', 'SignedHeaders' "
                            + "and 'Signature' parameters: found '" + trimmed + "'.");
                }
                String key = trimmed.substring(0, eq);
                String value = trimmed.substring(eq + 1);
                switch (key) {
                    case "Credential" -> credential = value;
                    case "SignedHeaders" -> signedHeaders = value;
                    case "Signature" -> signature = value;
                    default -> throw AuthException.incomplete("Unknown Authorization header parameter '" + key + "'.");
                }
            }
            requirePresent(credential, "Credential");
            requirePresent(signedHeaders, "SignedHeaders");
            requirePresent(signature, "Signature");
            return new AuthorizationHeader(credential, signedHeaders, signature);
        }

        private static void requirePresent(String value, String name) {
            if (value == null || value.isEmpty()) {
                throw AuthException.incomplete("Authorization header requires '" + name + "' parameter.");
            }
        }
    }

    /** Verifies a request signed in its {@code Authorization} header. */
    public Caller verifyHeader(IncomingRequest request, String authorization) {
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        CredentialScope scope = CredentialScope.parse(header.credential())
                .orElseThrow(() -> AuthException.incomplete("Authorization header requires a valid Credential "
                        + "of the form <key>/<date>/<region>/<service>/aws4_request."));
        AccessKey key = keys.apply(scope.accessKeyId()).orElseThrow(AuthException::unknownKey);

        String amzDate = request.header("x-amz-date");
        Instant signedAt;
        if (amzDate != null) {
            signedAt = parseAmzDate(amzDate);
        } else {
            String date = request.header("date");
            if (date == null) {
                throw AuthException.incomplete("Authorization header requires existence of either a 'X-Amz-Date' "
                        + "or a 'Date' header.");
            }
            signedAt = parseHttpDate(date);
            amzDate = AMZ_DATE.format(signedAt.atOffset(ZoneOffset.UTC));
        }
        checkSkew(signedAt);
        checkScope(scope, amzDate);
        List<String> signedHeaders = parseSignedHeaders(header.signedHeaders());

        String payloadHash = Crypto.hex(Crypto.sha256(request.body()));
        String claimed = request.header("x-amz-content-sha256");
        if (claimed != null && !Crypto.constantTimeEquals(payloadHash, claimed.toLowerCase(java.util.Locale.ROOT))) {
            // UNSIGNED-PAYLOAD lands here too: a header-signed EC2 request must sign its body.
            throw AuthException.signatureMismatch();
        }
        String expected = signature(key, scope, amzDate,
                canonicalRequest(request, List.of(request.queryParams()), null, signedHeaders, header.signedHeaders(),
                        payloadHash));
        if (!Crypto.constantTimeEquals(expected, header.signature())) {
            throw AuthException.signatureMismatch();
        }
        return new Caller(key.account(), key.accessKeyId(), scope.region());
    }

    /** Verifies a request presigned in its query string ({@code X-Amz-Signature} and friends). */
    public Caller verifyPresigned(IncomingRequest request) {
        Map<String, List<String>> query = request.queryParams();
        String algorithm = single(query, "X-Amz-Algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw AuthException.incomplete("X-Amz-Algorithm only supports \"" + ALGORITHM + "\".");
        }
        String credential = single(query, "X-Amz-Credential");
        String amzDate = single(query, "X-Amz-Date");
        String expires = single(query, "X-Amz-Expires");
        String signedHeadersText = single(query, "X-Amz-SignedHeaders");
        String signature = single(query, "X-Amz-Signature");
        CredentialScope scope = CredentialScope.parse(credential)
                .orElseThrow(() -> AuthException.incomplete("X-Amz-Credential must be of the form "
                        + "<key>/<date>/<region>/<service>/aws4_request."));
        AccessKey key = keys.apply(scope.accessKeyId()).orElseThrow(AuthException::unknownKey);

        Instant signedAt = parseAmzDate(amzDate);
        long lifetime = parseExpires(expires);
        Instant now = clock.instant();
        if (now.isBefore(signedAt.minus(maxSkew))) {
            throw AuthException.expired("Request is not yet valid: X-Amz-Date is in the future.");
        }
        if (now.isAfter(signedAt.plusSeconds(lifetime))) {
            throw AuthException.expired("Request has expired.");
        }
        checkScope(scope, amzDate);
        List<String> signedHeaders = parseSignedHeaders(signedHeadersText);

        String bodyHash = Crypto.hex(Crypto.sha256(request.body()));
        String claimed = request.header("x-amz-content-sha256");
        String payloadHash;
        if (claimed == null) {
            payloadHash = bodyHash;
        } else if (UNSIGNED_PAYLOAD.equals(claimed)) {
            payloadHash = UNSIGNED_PAYLOAD;
        } else if (Crypto.constantTimeEquals(bodyHash, claimed.toLowerCase(java.util.Locale.ROOT))) {
            payloadHash = bodyHash;
        } else {
            throw AuthException.signatureMismatch();
        }
        String expected = signature(key, scope, amzDate, canonicalRequest(request, List.of(query),
                "X-Amz-Signature", signedHeaders, signedHeadersText, payloadHash));
        if (!Crypto.constantTimeEquals(expected, signature)) {
            // A presigned URL carries no payload hash of its own: presigners that leave the body unsigned (as S3's do)
            // sign UNSIGNED-PAYLOAD without saying so, so that is the one other value worth trying.
            boolean unsignedMatches = claimed == null && Crypto.constantTimeEquals(signature(key, scope, amzDate,
                    canonicalRequest(request, List.of(query), "X-Amz-Signature", signedHeaders, signedHeadersText,
                            UNSIGNED_PAYLOAD)), signature);
            if (!unsignedMatches) {
                throw AuthException.signatureMismatch();
            }
        }
        return new Caller(key.account(), key.accessKeyId(), scope.region());
    }

    /** The hex signature of a canonical request, as a client holding {@code key} computes it. */
    public static String signature(AccessKey key, CredentialScope scope, String amzDate, String canonicalRequest) {
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope.scope() + "\n"
                + Crypto.hex(Crypto.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        return Crypto.hex(Crypto.hmac("HmacSHA256", signingKey(key, scope), stringToSign));
    }

    private record CachedKey(String secret, byte[] signingKey) {
    }

    /** Derived keys change once a day per key and region: caching them saves four HMACs per request. */
    private static final Map<String, CachedKey> SIGNING_KEYS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_KEYS = 4_096;

    private static byte[] signingKey(AccessKey key, CredentialScope scope) {
        String cacheKey = key.accessKeyId() + "/" + scope.scope();
        CachedKey cached = SIGNING_KEYS.get(cacheKey);
        // The secret is compared too, so a key deleted and recreated with a new secret never uses a stale entry.
        if (cached != null && cached.secret().equals(key.secretAccessKey())) {
            return cached.signingKey();
        }
        byte[] derived = Crypto.hmac("HmacSHA256",
                ("AWS4" + key.secretAccessKey()).getBytes(StandardCharsets.UTF_8), scope.date());
        derived = Crypto.hmac("HmacSHA256", derived, scope.region());
        derived = Crypto.hmac("HmacSHA256", derived, scope.service());
        derived = Crypto.hmac("HmacSHA256", derived, scope.terminator());
        if (SIGNING_KEYS.size() >= MAX_CACHED_KEYS) {
            SIGNING_KEYS.clear();
        }
        SIGNING_KEYS.put(cacheKey, new CachedKey(key.secretAccessKey(), derived));
        return derived;
    }

    /** The canonical request of SigV4 for a non-S3 service (path normalised and encoded once more). */
    static String canonicalRequest(IncomingRequest request, List<Map<String, List<String>>> query, String skip,
                                   List<String> signedHeaders, String signedHeadersText, String payloadHash) {
        StringBuilder out = new StringBuilder(256);
        out.append(request.method()).append('\n');
        out.append(canonicalUri(request.rawPath())).append('\n');
        out.append(Rfc3986.canonicalQuery(query, skip)).append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':');
            List<String> values = request.headers().get(name);
            if (values != null) {
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(canonicalHeaderValue(values.get(i)));
                }
            }
            out.append('\n');
        }
        out.append('\n').append(signedHeadersText).append('\n').append(payloadHash);
        return out.toString();
    }

    static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        return Rfc3986.encode(removeDotSegments(rawPath), true);
    }

    private static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1);
        List<String> kept = new ArrayList<>(segments.length);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                continue;
            }
            kept.add(segment);
        }
        boolean trailingSlash = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : kept) {
            out.append('/').append(segment);
        }
        if (out.isEmpty() || (trailingSlash && out.charAt(out.length() - 1) != '/')) {
            out.append('/');
        }
        return out.toString();
    }

    private static String canonicalHeaderValue(String value) {
        String trimmed = value.strip();
        if (trimmed.indexOf("  ") < 0 && trimmed.indexOf('\t') < 0) {
            return trimmed;
        }
        return trimmed.replaceAll("\\s+", " ");
    }

    private static List<String> parseSignedHeaders(String text) {
        List<String> names = List.of(text.split(";", -1));
        for (String name : names) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                throw AuthException.incomplete("SignedHeaders must be a ';'-separated list of lower-case header names.");
            }
        }
        if (!names.contains("host")) {
            throw AuthException.incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }

    private void checkScope(CredentialScope scope, String amzDate) {
        if (!amzDate.startsWith(scope.date()) || scope.date().length() != 8) {
            throw new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH, "Date in Credential scope does not match "
                    + "YYYYMMDD from ISO-8601 version of date from HTTP: '" + scope.date() + "' != '"
                    + amzDate.substring(0, Math.min(8, amzDate.length())) + "'.");
        }
        if (!services.contains(scope.service())) {
            throw new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH,
                    "Credential should be scoped to correct service: '" + String.join("' or '",
                            new java.util.TreeSet<>(services)) + "'.");
        }
        if (!TERMINATOR.equals(scope.terminator())) {
            throw new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH,
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '"
                            + scope.terminator() + "'.");
        }
        if (!isRegionName(scope.region())) {
            throw new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH,
                    "Credential should be scoped to a valid region, not '" + scope.region() + "'.");
        }
    }

    /** Lower-case letters, digits and dashes, as every AWS region name is. */
    public static boolean isRegionName(String region) {
        if (region == null || region.isEmpty() || region.length() > 64) {
            return false;
        }
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private void checkSkew(Instant signedAt) {
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(maxSkew) > 0) {
            throw AuthException.expired("Request has expired: its date " + signedAt
                    + " is more than " + maxSkew.toMinutes() + " minutes from the server's time " + now + ".");
        }
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            throw AuthException.incomplete("Presigned request requires the parameter " + name + ".");
        }
        if (values.size() > 1) {
            throw AuthException.incomplete("The parameter " + name + " must be given once.");
        }
        return values.get(0);
    }

    private static long parseExpires(String expires) {
        try {
            long seconds = Long.parseLong(expires);
            if (seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AuthException.incomplete("X-Amz-Expires must be a number of seconds from 1 to " + MAX_EXPIRES_SECONDS
                + ".");
    }

    static Instant parseAmzDate(String text) {
        try {
            return LocalDateTime.parse(text, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw AuthException.incomplete("X-Amz-Date must be in the ISO-8601 basic format yyyyMMdd'T'HHmmss'Z', "
                    + "not '" + text + "'.");
        }
    }

    private static Instant parseHttpDate(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw AuthException.incomplete("The Date header must be an RFC 1123 date, not '" + text + "'.");
        }
    }
}
