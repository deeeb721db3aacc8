package io.altostratus.azure.clusters;

import com.azure.core.exception.HttpResponseException;
import io.altostratus.azure.internal.ArmErrors;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.util.Locale;

/**
 * AKS's errors as portable ones: ARM's mapping ({@link ArmErrors}: 429/5xx and busy 409s retried, codes translated)
 * with what Microsoft.ContainerService says in its own words on top:
 * <ul>
 *   <li>a create sent with {@code If-None-Match: *} onto a name in use answers 412 ({@code PreconditionFailed}):
 *       ALREADY_EXISTS, the core's word for a name in use;</li>
 *   <li>{@code EtagMismatch}, and a 409 that speaks of an operation in progress, are INVALID_STATE (a change to
 *       something that is busy), not a name in use.</li>
 * </ul>
 * AKS's version, name and size refusals ({@code VersionNotSupported}, {@code AgentPoolK8sVersionNotSupported}, ...)
 * come with HTTP 400, which ARM's mapping already reads as INVALID_PARAMETER; {@code OperationNotAllowed} (deleting
 * the last System pool, changing a pool that is busy) is INVALID_STATE there too.
 */
final class AksErrors {
    /** For the {@link Retrier}: as ARM's, translated here. */
    static final Retrier.Failures<HttpResponseException> FAILURES =
            new Retrier.Failures<>(HttpResponseException.class, ArmErrors::isTransient, AksErrors::translate);

    private AksErrors() {
    }

    static AltoException translate(String operation, HttpResponseException thrown) {
        AltoException e = ArmErrors.translate(operation, thrown);
        ArmErrors.Failure f = ArmErrors.failure(thrown);
        String code = f.code() == null ? "" : f.code();
        if (f.httpStatus() == 412 || code.equals("PreconditionFailed")) {
            return new AltoException(ErrorCode.ALREADY_EXISTS, code.isEmpty() ? "PreconditionFailed" : code,
                    e.getMessage(), thrown);
        }
        if (code.equals("EtagMismatch") || (f.httpStatus() == 409 && e.code() == ErrorCode.ALREADY_EXISTS
                && mentionsOperation(f.message()))) {
            return new AltoException(ErrorCode.INVALID_STATE, code, e.getMessage(), thrown);
        }
        return e;
    }

    private static boolean mentionsOperation(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("operation") && (m.contains("progress") || m.contains("ongoing"));
    }
}
