package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Table;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code alto providers}: the providers on the class path. Opens none of them. */
@Command(name = "providers", description = "List the providers alto can use.")
public final class ProvidersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** One provider as listed. */
    public record ProviderView(String name, String description) {
    }

    @Override
    public Integer call() {
        Main main = (Main) spec.root().userObject();
        List<ProviderView> views = Providers.available().stream()
                .map((ProviderFactory f) -> new ProviderView(f.name(), f.description()))
                .sorted(Comparator.comparing(ProviderView::name))
                .toList();
        new Output(main.outputFormat(), spec.commandLine().getOut()).list(views, v -> v,
                Table.of(ProviderView.class).col("NAME", ProviderView::name).col("DESCRIPTION", ProviderView::description));
        return ExitCode.OK.code();
    }
}
