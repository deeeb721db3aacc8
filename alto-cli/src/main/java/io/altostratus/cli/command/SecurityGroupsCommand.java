package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.Cidr;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alto security-groups}. */
@Command(name = "security-groups", aliases = "sg", description = "List security groups.",
        subcommands = SecurityGroupsCommand.Allow.class)
public final class SecurityGroupsCommand extends CloudCommand {
    @Option(names = "--network", paramLabel = "ID", description = "Only groups of this network.")
    String network;

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.list(cloud.require(SecurityGroups.class).securityGroups().stream()
                        .filter(g -> network == null || network.equals(g.networkId())).toList(),
                g -> g, Tables.securityGroups());
        return ExitCode.OK;
    }

    /** {@code alto security-groups allow GROUP --port 22 --cidr 0.0.0.0/0}. */
    @Command(name = "allow", description = "Admit inbound traffic to a group; prints the group.")
    public static final class Allow extends CloudCommand {
        @Parameters(paramLabel = "GROUP", description = "Group id, or a group name that is unique.")
        String group;

        @Option(names = "--port", required = true, paramLabel = "PORT[-PORT]", description = "Port or range, e.g. 22 or 8000-8100.")
        String port;

        @Option(names = "--protocol", defaultValue = "tcp", paramLabel = "PROTO",
                description = "tcp, udp or icmp (default: ${DEFAULT-VALUE}).")
        String protocol;

        @Option(names = "--cidr", defaultValue = "0.0.0.0/0", paramLabel = "CIDR",
                description = "Source IPv4 block (default: ${DEFAULT-VALUE}).")
        String cidr;

        private int from;
        private int to;

        @Override
        protected void validate() {
            String[] parts = port.split("-", 2);
            try {
                from = Integer.parseInt(parts[0].strip());
                to = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : from;
            } catch (NumberFormatException e) {
                throw new UsageException("--port must be a port or a range like 8000-8100, got '" + port + "'");
            }
            if (from < 0 || to > 65535 || from > to) {
                throw new UsageException("--port must lie within 0-65535 with the first port first, got '" + port + "'");
            }
            protocol = protocol.toLowerCase(Locale.ROOT);
            if (!List.of("tcp", "udp", "icmp").contains(protocol)) {
                throw new UsageException("--protocol must be tcp, udp or icmp, got '" + protocol + "'");
            }
            Cidr.parse(cidr);
        }

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            SecurityGroups groups = cloud.require(SecurityGroups.class);
            String id = resolve(groups.securityGroups(), group);
            SecurityRule rule = new SecurityRule(protocol, from, to, List.of(cidr), List.of(), List.of(), null);
            out.object(groups.authorize(id, true, List.of(rule)));
            return ExitCode.OK;
        }

        static String resolve(List<SecurityGroup> groups, String idOrName) {
            if (groups.stream().anyMatch(g -> g.id().equals(idOrName))) {
                return idOrName;
            }
            List<SecurityGroup> named = groups.stream().filter(g -> idOrName.equals(g.name())).toList();
            if (named.size() == 1) {
                return named.get(0).id();
            }
            if (named.isEmpty()) {
                throw AltoException.notFound("InvalidGroup.NotFound", "security group '" + idOrName + "' not found");
            }
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue", "security group name '"
                    + idOrName + "' is in " + named.size() + " networks; give the group id");
        }
    }
}
