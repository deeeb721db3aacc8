package io.altostratus.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each contract test method a {@link ContractSession} built from the test instance's fixture, and closes it
 * after the method. Registered by {@link ProviderContract}; not meant to be used on its own.
 */
public final class ContractSessionExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ContractSessionExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ContractSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Object instance = context.getRequiredTestInstance();
        if (!(instance instanceof ProviderContract contract)) {
            throw new ParameterResolutionException("a ContractSession is only available to tests implementing "
                    + ProviderContract.class.getName());
        }
        return context.getStore(NAMESPACE).computeIfAbsent(context.getUniqueId(),
                id -> new ContractSession(contract.fixture()), ContractSession.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ContractSession session = context.getStore(NAMESPACE).remove(context.getUniqueId(), ContractSession.class);
        if (session != null) {
            session.close();
        }
    }
}
