package io.altostratus.testkit.clusters;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each clusters contract test a {@link ClustersSession} from the test instance's fixture and closes it after
 * the test. Registered by {@link ClustersContract}.
 */
public final class ClustersSessionExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ClustersSessionExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClustersSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!(context.getRequiredTestInstance() instanceof ClustersContract contract)) {
            throw new ParameterResolutionException("a ClustersSession is only available to tests implementing "
                    + ClustersContract.class.getName());
        }
        return context.getStore(NAMESPACE).computeIfAbsent(context.getUniqueId(),
                id -> new ClustersSession(contract.clustersFixture()), ClustersSession.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ClustersSession session = context.getStore(NAMESPACE).remove(context.getUniqueId(), ClustersSession.class);
        if (session != null) {
            session.close();
        }
    }
}
