package io.altostratus.gateway.auth.internal;

import io.altostratus.gateway.auth.AccessKey;
import io.altostratus.gateway.auth.AuthException;
import io.altostratus.gateway.auth.Caller;
import io.altostratus.gateway.auth.IncomingRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks AWS Signature Version 2 (parameters {@code AWSAccessKeyId}, {@code SignatureMethod}, {@code SignatureVersion},
 * {@code Timestamp} or {@code Expires}, {@code Signature}, in the query string or the form body), as older EC2 clients
 * send it. The string to sign is {@code METHOD\nhost\npath\ncanonical-query}, the query being every parameter but
 * {@code Signature}, RFC 3986-encoded and sorted by name.
 */
public final class SigV2Verifier {
    private final Clock clock;
    private final Duration maxSkew;
    private final Function<String, Optional<AccessKey>> keys;
    private final String region;

    /**
     * @param region the region a V2 request is taken to address (V2 signatures do not name one)
     */
    public SigV2Verifier(Clock clock, Duration maxSkew, Function<String, Optional<AccessKey>> keys, String region) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.region = Objects.requireNonNull(region, "region");
    }

    public Caller verify(IncomingRequest request) {
        String accessKeyId = required(request, "AWSAccessKeyId");
        String signature = required(request, "Signature");
        String version = required(request, "SignatureVersion");
        if (!"2".equals(version)) {
            throw AuthException.incomplete("SignatureVersion " + version + " is not supported: use 2 or Signature "
                    + "Version 4.");
        }
        String method = required(request, "SignatureMethod");
        String macAlgorithm = switch (method) {
            case "HmacSHA256" -> "HmacSHA256";
            case "HmacSHA1" -> "HmacSHA1";
            default -> throw AuthException.incomplete("SignatureMethod must be HmacSHA256 or HmacSHA1, not '"
                    + method + "'.");
        };
        AccessKey key = keys.apply(accessKeyId).orElseThrow(AuthException::unknownKey);
        checkTime(request.param("Timestamp"), request.param("Expires"));

        String expected = sign(macAlgorithm, key.secretAccessKey(), stringToSign(request));
        if (!Crypto.constantTimeEquals(expected, signature)) {
            throw AuthException.signatureMismatch();
        }
        return new Caller(key.account(), key.accessKeyId(), region);
    }

    /** The base64 signature of {@code stringToSign}. */
    public static String sign(String macAlgorithm, String secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(
                Crypto.hmac(macAlgorithm, secret.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    /** {@code METHOD\nhost\npath\ncanonical-query} for a request. */
    public static String stringToSign(IncomingRequest request) {
        String host = request.header("host");
        String path = request.rawPath().isEmpty() ? "/" : request.rawPath();
        return request.method() + "\n"
                + (host == null ? "" : host.strip().toLowerCase(Locale.ROOT)) + "\n"
                + path + "\n"
                + Rfc3986.canonicalQuery(List.of(request.queryParams(), request.formParams()), "Signature");
    }

    private void checkTime(String timestamp, String expires) {
        if ((timestamp == null) == (expires == null)) {
            throw AuthException.incomplete("A Signature Version 2 request needs exactly one of Timestamp and "
                    + "Expires.");
        }
        Instant now = clock.instant();
        if (timestamp != null) {
            Instant at = parseTimestamp(timestamp, "Timestamp");
            if (Duration.between(at, now).abs().compareTo(maxSkew) > 0) {
                throw AuthException.expired("Request has expired: Timestamp " + timestamp + " is more than "
                        + maxSkew.toMinutes() + " minutes from the server's time " + now + ".");
            }
        } else {
            Instant until = parseTimestamp(expires, "Expires");
            if (now.isAfter(until)) {
                throw AuthException.expired("Request has expired: Expires " + expires + " has passed.");
            }
        }
    }

    /** ISO-8601 with or without an offset (a time without one is UTC), with or without fractions of a second. */
    static Instant parseTimestamp(String text, String name) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException withoutOffset) {
                throw AuthException.incomplete(name + " must be an ISO-8601 date and time, not '" + text + "'.");
            }
        }
    }

    private static String required(IncomingRequest request, String name) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            throw AuthException.incomplete("A Signature Version 2 request requires the parameter " + name + ".");
        }
        return value;
    }
}
