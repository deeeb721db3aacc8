package io.altostratus.vsphere.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust an ESXi host or vCenter needs. Checked by the JDK's trust store by default; hosts keep self-signed
 * certificates more often than not, so a pinned SHA-256 fingerprint (colon hex as vSphere and vcsim print it) accepts
 * exactly that certificate, and {@code insecure} accepts any. Both are extended trust managers so the JDK does not
 * add a host-name check on top: a pinned certificate is the identity, whatever name it carries.
 */
public final class VsphereTls {
    private VsphereTls() {
    }

    public static SSLContext system() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    public static SSLContext pinned(String fingerprint) {
        String want = fingerprint.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (!want.matches("[0-9a-f]{64}")) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", "[vsphere] fingerprint must be "
                    + "the certificate's SHA-256 (64 hex digits, colons allowed), not '" + fingerprint + "'");
        }
        return context(new Trust(want));
    }

    public static SSLContext insecure() {
        return context(new Trust(null));
    }

    private static SSLContext context(TrustManager trust) {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {trust}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    /** Accepts the server certificate whose SHA-256 is {@code want}, or any when {@code want} is null. */
    private static final class Trust extends X509ExtendedTrustManager {
        private final String want;

        Trust(String want) {
            this.want = want;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (want == null) {
                return;
            }
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server presented no certificate");
            }
            try {
                String got = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(chain[0].getEncoded()));
                if (!got.equals(want)) {
                    throw new CertificateException("the server certificate's SHA-256 is " + got
                            + ", not the pinned " + want);
                }
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
