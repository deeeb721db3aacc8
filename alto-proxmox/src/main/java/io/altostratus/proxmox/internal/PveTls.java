package io.altostratus.proxmox.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust a Proxmox cluster needs: its nodes usually present certificates signed by the cluster's own CA
 * ({@code /etc/pve/pve-root-ca.pem}), which no JDK trust store holds. Either that CA file, or the SHA-256 fingerprint of
 * the node's certificate (as {@code /nodes} reports {@code ssl_fingerprint} and the web UI shows it), pinned: then only
 * a certificate with that fingerprint is accepted, whoever signed it.
 */
public final class PveTls {
    private PveTls() {
    }

    /** The JDK's default trust. */
    public static SSLContext system() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** Trusts exactly the certificates signed by the CA (PEM) in {@code caFile}. */
    public static SSLContext caFile(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + n++, cert);
            }
            if (n == 0) {
                throw invalid("ca_file " + caFile + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw invalid("cannot read ca_file " + caFile + ": " + e.getMessage());
        }
    }

    /** Accepts only a server certificate whose SHA-256 is {@code fingerprint} (hex, colons optional). */
    public static SSLContext pinned(String fingerprint) {
        String want = normalise(fingerprint);
        if (!want.matches("[0-9a-f]{64}")) {
            throw invalid("fingerprint must be the certificate's SHA-256 (64 hex digits, colons allowed), not '"
                    + fingerprint + "'");
        }
        X509TrustManager pin = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("client certificates are not checked here");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0) {
                    throw new CertificateException("the server presented no certificate");
                }
                String got = sha256(chain[0]);
                if (!got.equals(want)) {
                    throw new CertificateException("the server certificate's SHA-256 is " + got
                            + ", not the pinned " + want);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {pin}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    static String normalise(String fingerprint) {
        return fingerprint.strip().replace(":", "").toLowerCase(Locale.ROOT);
    }

    static String sha256(X509Certificate cert) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException(e);
        }
    }

    private static AltoException invalid(String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[proxmox] " + message);
    }
}
