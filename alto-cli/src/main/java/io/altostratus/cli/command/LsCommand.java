package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.cli.view.InstanceView;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.TagFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alto ls}: lists instances, terminated ones included while the provider still shows them (as EC2 does). */
@Command(name = "ls", aliases = "list", description = "List instances (terminated ones too, while the provider shows them).")
public final class LsCommand extends CloudCommand {
    @Parameters(paramLabel = "ID", arity = "0..*", description = "Only these instances (unknown ids are an error).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--state", paramLabel = "STATE", split = ",", converter = Args.StateConverter.class,
            description = "Only instances in these states (repeatable or comma-separated).")
    List<InstanceState> states = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "KEY[=VALUE]", converter = Args.TagFilterConverter.class,
            description = "Only instances with this tag, or this tag value; * and ? match (repeatable, all must match).")
    List<TagFilter> tags = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Only instances with this Name (* and ? match; repeatable).")
    List<String> names = new ArrayList<>();

    @Option(names = "--zone", paramLabel = "ZONE", description = "Only instances in this zone.")
    String zone;

    /** The verb with its arguments already read (by the launcher's quick path, not picocli). */
    public static LsCommand of(List<String> ids, List<InstanceState> states, List<TagFilter> tags,
                               List<String> names, String zone) {
        LsCommand ls = new LsCommand();
        ls.ids.addAll(ids);
        ls.states.addAll(states);
        ls.tags.addAll(tags);
        ls.names.addAll(names);
        ls.zone = zone;
        return ls;
    }

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        InstanceQuery.Builder query = InstanceQuery.builder().ids(ids).states(states).zone(zone);
        tags.forEach(query::tag);
        names.forEach(query::name);
        out.list(cloud.instances(query.build()), InstanceView::of, Tables.instances());
        return ExitCode.OK;
    }
}
