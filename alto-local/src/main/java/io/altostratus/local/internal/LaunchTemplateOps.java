package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.LaunchTemplate;
import io.altostratus.core.ec2.LaunchTemplateVersion;
import io.altostratus.core.ec2.LaunchTemplates;
import io.altostratus.core.error.AltoException;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Launch templates. A template and each of its versions are separate documents (versions keyed
 * {@code <template id>/<number>}), so adding a version writes one small document and the template's counters. The
 * version data is kept as given, in EC2's Query form; the local cloud never reads it: launches from a template are
 * resolved by the EC2 front into an ordinary launch. An instance is a session's {@link LaunchTemplates}.
 */
public final class LaunchTemplateOps implements LaunchTemplates {
    static final String TEMPLATE = "local.launch-template";
    static final String VERSION = "local.launch-template-version";
    /** The tags EC2 puts on an instance launched from a template; only these {@code aws:} keys pass validation. */
    public static final Set<String> SYSTEM_TAGS = Set.of("aws:ec2launchtemplate:id", "aws:ec2launchtemplate:version");
    /** EC2's limit on versions per template. */
    static final long MAX_VERSIONS = 10_000;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Session session;
    private final Env env;

    public LaunchTemplateOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public LaunchTemplateVersion createLaunchTemplate(String name, String description, Map<String, String> data,
                                                      Map<String, String> tags) {
        TagOps.validate(tags);
        if (name == null || !NAME.matcher(name).matches()) {
            throw Errors.invalid("InvalidLaunchTemplateName.MalformedException", "A launch template name must be "
                    + "3 to 128 characters of letters, digits and ( ) . - / _ : '" + name + "'");
        }
        return session.write(tx -> {
            if (byName(tx, env, name) != null) {
                throw Errors.duplicate("InvalidLaunchTemplateName.AlreadyExistsException",
                        "Launch template name already in use.");
            }
            String id = Ec2IdKind.LAUNCH_TEMPLATE.mint();
            LaunchTemplate template = new LaunchTemplate(id, name, 1, 1, Env.instant(env.now()), creator(), tags);
            tx.put(TEMPLATE, env.scope(), id, template);
            LaunchTemplateVersion version = new LaunchTemplateVersion(id, name, 1, description,
                    Env.instant(env.now()), creator(), data);
            tx.put(VERSION, env.scope(), versionKey(id, 1), version);
            return version;
        });
    }

    @Override
    public LaunchTemplateVersion createLaunchTemplateVersion(String templateId, Long sourceVersion,
                                                             String description, Map<String, String> data) {
        return session.write(tx -> {
            LaunchTemplate template = template(tx, env, templateId);
            if (template.latestVersion() >= MAX_VERSIONS) {
                throw Errors.invalid("VersionLimitExceeded", "Launch template " + templateId + " has "
                        + MAX_VERSIONS + " versions, the most it may have.");
            }
            Map<String, String> merged = new LinkedHashMap<>();
            if (sourceVersion != null) {
                merged.putAll(mergeBase(version(tx, env, template, sourceVersion).data(), data));
            }
            merged.putAll(data == null ? Map.of() : data);
            long number = template.latestVersion() + 1;
            LaunchTemplateVersion version = new LaunchTemplateVersion(template.id(), template.name(), number,
                    description, Env.instant(env.now()), creator(), merged);
            tx.put(VERSION, env.scope(), versionKey(template.id(), number), version);
            tx.put(TEMPLATE, env.scope(), template.id(), template.withVersions(template.defaultVersion(), number));
            return version;
        });
    }

    @Override
    public List<LaunchTemplate> launchTemplates() {
        return session.read(view -> view.list(TEMPLATE, env.scope(), LaunchTemplate.class));
    }

    @Override
    public List<LaunchTemplateVersion> launchTemplateVersions(String templateId) {
        return session.read(view -> versions(view, env, template(view, env, templateId)));
    }

    @Override
    public LaunchTemplate setDefaultVersion(String templateId, long version) {
        return session.write(tx -> {
            LaunchTemplate template = template(tx, env, templateId);
            version(tx, env, template, version);
            LaunchTemplate changed = template.withVersions(version, template.latestVersion());
            tx.put(TEMPLATE, env.scope(), template.id(), changed);
            return changed;
        });
    }

    @Override
    public LaunchTemplate deleteLaunchTemplate(String templateId) {
        return session.write(tx -> {
            LaunchTemplate template = template(tx, env, templateId);
            for (LaunchTemplateVersion v : versions(tx, env, template)) {
                tx.delete(VERSION, env.scope(), versionKey(template.id(), v.versionNumber()));
            }
            tx.delete(TEMPLATE, env.scope(), template.id());
            return template;
        });
    }

    @Override
    public Map<Long, String> deleteLaunchTemplateVersions(String templateId, Collection<Long> numbers) {
        return session.write(tx -> {
            LaunchTemplate template = template(tx, env, templateId);
            Map<Long, String> failed = new LinkedHashMap<>();
            for (Long number : numbers) {
                if (number == template.defaultVersion()) {
                    failed.put(number, "launchTemplateVersionIsDefault");
                } else if (tx.get(VERSION, env.scope(), versionKey(template.id(), number),
                        LaunchTemplateVersion.class).isEmpty()) {
                    failed.put(number, "launchTemplateVersionDoesNotExist");
                } else {
                    tx.delete(VERSION, env.scope(), versionKey(template.id(), number));
                }
            }
            return failed;
        });
    }

    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        LaunchTemplate template = template(tx, env, id);
        tx.put(TEMPLATE, env.scope(), id, template.withTags(change.apply(template.tags())));
    }

    /** A template by id or, when the argument is not an {@code lt-} id, by name. */
    static LaunchTemplate template(StateView view, Env env, String idOrName) {
        if (idOrName == null) {
            throw Errors.invalid("MissingParameter", "The request must name a launch template (id or name)");
        }
        if (idOrName.startsWith(Ec2IdKind.LAUNCH_TEMPLATE.prefix() + "-")) {
            return view.get(TEMPLATE, env.scope(), idOrName, LaunchTemplate.class)
                    .orElseThrow(() -> Errors.notFound("InvalidLaunchTemplateId.NotFound",
                            "The specified launch template, with template ID " + idOrName + ", does not exist."));
        }
        LaunchTemplate found = byName(view, env, idOrName);
        if (found == null) {
            throw Errors.notFound("InvalidLaunchTemplateName.NotFoundException",
                    "The specified launch template, with template name " + idOrName + ", does not exist.");
        }
        return found;
    }

    private static LaunchTemplate byName(StateView view, Env env, String name) {
        for (LaunchTemplate t : view.list(TEMPLATE, env.scope(), LaunchTemplate.class)) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static List<LaunchTemplateVersion> versions(StateView view, Env env, LaunchTemplate template) {
        List<LaunchTemplateVersion> out = new ArrayList<>();
        for (LaunchTemplateVersion v : view.list(VERSION, env.scope(), LaunchTemplateVersion.class)) {
            if (v.templateId().equals(template.id())) {
                out.add(v);
            }
        }
        out.sort(Comparator.comparingLong(LaunchTemplateVersion::versionNumber));
        return out;
    }

    private static LaunchTemplateVersion version(StateView view, Env env, LaunchTemplate template, long number) {
        return view.get(VERSION, env.scope(), versionKey(template.id(), number), LaunchTemplateVersion.class)
                .orElseThrow(() -> versionNotFound(template, number));
    }

    static AltoException versionNotFound(LaunchTemplate template, long number) {
        return Errors.notFound("InvalidLaunchTemplateId.VersionNotFound", "Could not find launch template version "
                + number + " for launch template " + template.id() + ".");
    }

    /**
     * The source version's members that the new data does not replace. A list member given anew ({@code X.1},
     * {@code X.2} ...) replaces the whole list, and a structure given anew its whole structure, as EC2 merges them.
     */
    private static Map<String, String> mergeBase(Map<String, String> source, Map<String, String> data) {
        Set<String> replaced = new java.util.HashSet<>();
        for (String key : data == null ? Set.<String>of() : data.keySet()) {
            int dot = key.indexOf('.');
            replaced.add(dot < 0 ? key : key.substring(0, dot));
        }
        Map<String, String> base = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (!replaced.contains(dot < 0 ? key : key.substring(0, dot))) {
                base.put(key, value);
            }
        });
        return base;
    }

    private String creator() {
        return "arn:aws:iam::" + env.account() + ":root";
    }

    private static String versionKey(String templateId, long number) {
        return templateId + "/" + number;
    }

}
