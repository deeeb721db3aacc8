package io.altostratus.cli.command;

import io.altostratus.catalog.CatalogChoice;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.error.AltoException;
import java.time.Duration;

/**
 * A {@code alto catalog} verb: needs no provider session, only the catalog of the chosen provider, taken from the
 * refreshed snapshot in the cache while it is younger than the TTL (config {@code catalog_ttl}, default 7 days),
 * else from the data shipped with alto.
 */
public abstract class CatalogVerb extends Verb {
    @Override
    public Integer call() throws Exception {
        Output output = new Output(main().outputFormat(), spec.commandLine().getOut());
        return run(output).code();
    }

    protected abstract ExitCode run(Output out) throws Exception;

    /** The catalog's provider: the local cloud serves the AWS catalog, so {@code local} means {@code aws}. */
    protected String provider() {
        String name = main().providerName();
        return Main.DEFAULT_PROVIDER.equals(name) ? "aws" : name;
    }

    /**
     * The region asked for, else the provider's default; a catalog whose provider is not installed (Azure's ships
     * before its provider does) has no default to offer, so the region must be named.
     */
    protected String region() {
        try {
            return main().regionName(provider());
        } catch (AltoException unknownProvider) {
            throw new UsageException("name a region with --region for the " + provider() + " catalog (no "
                    + provider() + " provider is installed to give a default), e.g. --region "
                    + Catalogs.shipped(provider()).regions().get(0).name());
        }
    }

    /** Where refreshed snapshots live: {@code catalog_dir} from the config, else the user's cache. */
    protected SnapshotStore cache() {
        return CatalogsInUse.cache(main());
    }

    protected Duration ttl() {
        return CatalogsInUse.ttl(main());
    }

    /** The catalog in use for the provider, and why. */
    protected CatalogChoice choice() {
        if (!CatalogsInUse.REFRESHED_ONLY.contains(provider())) {
            Catalogs.shipped(provider());
        }
        return CatalogsInUse.choose(main(), provider());
    }
}
