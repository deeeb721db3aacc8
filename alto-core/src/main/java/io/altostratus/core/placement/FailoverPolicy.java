package io.altostratus.core.placement;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Instance;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.core.wait.Waiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Launches at the first candidate that takes it, failing over in the order given (cheapest first, from
 * {@link Candidates}):
 * <ol>
 *   <li>each candidate is tried with the template, its type and its zone, and a tag {@link #ATTEMPT_TAG} unique to
 *       the attempt, so whatever the attempt made can be found again by listing;</li>
 *   <li>a failure is classified ({@link FailureScope#of} by default): capacity blocks that type in that zone, quota
 *       the region, authentication the cloud, and every later candidate in a blocked place is skipped;</li>
 *   <li>before the next attempt, the failed one is cleaned up and the cleanup verified: the instances it returned
 *       (a partial launch, or a launch that never reached running) are terminated, then its place is listed by the
 *       attempt's tag; anything still alive is terminated again and listed again. Instances still alive after that
 *       are a leak: the walk stops at once ({@link FailureScope#REQUEST}), since another attempt could only add to
 *       what is already running, and the {@link PlacementException} names them;</li>
 *   <li>the first success ends the walk and is returned with every failed attempt.</li>
 * </ol>
 *
 * <p>Only instances are cleaned up: they are what a launch makes in every cloud. Providers that make helpers for a
 * launch (an SSH security group, a key, a NIC or public IP on Azure) roll those back themselves, and disks made with
 * an instance go with it.
 *
 * <p>A client token in the template becomes one token per attempt (derived from it and the attempt's place), so the
 * same walk repeated with the same token finds each attempt's instances instead of launching again, yet one
 * attempt's instances are never mistaken for the next one's; the attempt tag is then derived from it as well, so the
 * repeated request is the same request. Sessions are opened once per (cloud, region) through
 * {@link Sessions} and all closed when the walk ends.
 */
public final class FailoverPolicy {
    /** The tag every attempt's instances carry, with a value unique to the attempt (a GCE label is fine with it). */
    public static final String ATTEMPT_TAG = "alto-attempt";

    /** Told of each step of a walk (progress displays); every method does nothing by default. */
    public interface Listener {
        default void trying(Candidate candidate) {
        }

        default void failed(Attempt attempt) {
        }

        default void skipped(Candidate candidate, String blockedPlace) {
        }
    }

    private final Sessions sessions;
    private final Function<AltoException, FailureScope> classifier;
    private final int maxAttempts;
    private final Duration runningTimeout;
    private final Waiter.Builder waiters;
    private final Sleeper sleeper;
    private final Listener listener;

    private FailoverPolicy(Builder b) {
        this.sessions = Objects.requireNonNull(b.sessions, "sessions");
        this.classifier = b.classifier;
        this.maxAttempts = b.maxAttempts;
        this.runningTimeout = b.runningTimeout;
        this.waiters = b.waiters;
        this.sleeper = b.sleeper;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Walks the candidates with the template.
     *
     * @param candidates where to try, in order
     * @param template   what to launch; its instance type and zone are replaced by each candidate's
     * @return where the launch landed, with every failed attempt
     * @throws PlacementException when no candidate took the launch, or a failed attempt's cleanup could not be
     *         verified as complete (code {@code PROVIDER_ERROR}, provider code {@link PlacementException#CLEANUP_FAILED})
     * @throws AltoException {@code INVALID_PARAMETER} for an empty candidate list
     */
    public PlacementResult place(List<Candidate> candidates, LaunchSpec template) {
        Objects.requireNonNull(template, "template");
        if (candidates.isEmpty()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NoMatchingInstanceType", "no candidate to launch at");
        }
        Walk walk = new Walk();
        try {
            for (Candidate candidate : candidates) {
                String blocked = walk.blockedPlace(candidate);
                if (blocked != null) {
                    walk.skipped++;
                    listener.skipped(candidate, blocked);
                    continue;
                }
                if (walk.attempts.size() >= maxAttempts) {
                    break;
                }
                listener.trying(candidate);
                Tried tried = attempt(walk, candidate, template);
                if (tried.instances != null) {
                    return new PlacementResult(candidate, tried.instances, walk.attempts, walk.skipped);
                }
                Attempt failed = tried.failure;
                walk.attempts.add(failed);
                listener.failed(failed);
                if (failed.scope() == FailureScope.REQUEST) {
                    throw new PlacementException(ErrorCode.PROVIDER_ERROR, PlacementException.CLEANUP_FAILED,
                            "stopped after " + failed.candidate().place() + ": instances of a failed attempt are "
                                    + "still alive (" + String.join(", ", failed.leftovers()) + ", tag "
                                    + ATTEMPT_TAG + "=" + failed.attemptTag() + "); terminate them by hand",
                            walk.attempts, walk.skipped);
                }
                walk.block(failed);
            }
        } finally {
            walk.closeSessions();
        }
        throw everyCandidateFailed(walk, candidates.size());
    }

    /** One attempt's outcome: the instances, or the failure after cleanup. */
    private record Tried(List<Instance> instances, Attempt failure) {
    }

    private Tried attempt(Walk walk, Candidate candidate, LaunchSpec template) {
        String attemptTag = template.clientToken() == null ? UUID.randomUUID().toString()
                : perAttempt(template.clientToken(), candidate, "tag");
        ComputeProvider provider;
        try {
            provider = walk.session(candidate);
        } catch (RuntimeException e) {
            AltoException failure = asAlto(e, "opening a session");
            // No launch was sent, so nothing can have been made.
            return new Tried(null, failedAttempt(candidate, failure, Cleanup.NOTHING_LEFT, attemptTag, List.of(),
                    List.of()));
        }
        Cloud cloud = new Cloud(provider, waiters);
        LaunchSpec spec = specFor(template, candidate, attemptTag, provider);
        List<String> made = new ArrayList<>();
        AltoException failure;
        try {
            List<Instance> launched = cloud.launch(spec);
            launched.forEach(i -> made.add(i.id()));
            if (runningTimeout == null) {
                return new Tried(launched, null);
            }
            return new Tried(cloud.waitForAll(made, InstanceCondition.RUNNING, runningTimeout), null);
        } catch (PartialLaunchException partial) {
            partial.launched().forEach(i -> made.add(i.id()));
            failure = partial;
        } catch (RuntimeException e) {
            failure = asAlto(e, "launch");
        }
        CleanupReport report = cleanUp(provider, failure, attemptTag, made);
        return new Tried(null, failedAttempt(candidate, failure, report.outcome, attemptTag, report.terminated,
                report.leftovers));
    }

    private Attempt failedAttempt(Candidate candidate, AltoException failure, Cleanup cleanup, String attemptTag,
                                  List<String> terminated, List<String> leftovers) {
        FailureScope scope = cleanup == Cleanup.LEAKED ? FailureScope.REQUEST : classifier.apply(failure);
        return new Attempt(candidate, failure.code(), failure.providerCode(), failure.getMessage(), scope, cleanup,
                attemptTag, terminated, leftovers);
    }

    private static LaunchSpec specFor(LaunchSpec template, Candidate candidate, String attemptTag,
                                      ComputeProvider provider) {
        LaunchSpec.Builder b = template.toBuilder()
                .instanceType(candidate.instanceType())
                .zone(candidate.zone())
                .tag(ATTEMPT_TAG, attemptTag);
        if (template.clientToken() != null) {
            b.clientToken(perAttempt(template.clientToken(), candidate, null));
        } else if (provider.traits().contains(Capability.CLIENT_TOKEN)) {
            b.clientToken(UUID.randomUUID().toString());
        }
        return b.build();
    }

    /**
     * A value derived from the template's client token and the attempt's place and type: the same on a repeated walk,
     * different for every attempt. The attempt tag is one too when there is a token, since a cloud that compares a
     * repeated request with the first (EC2 answers IdempotentParameterMismatch) would refuse a new random tag.
     */
    private static String perAttempt(String clientToken, Candidate candidate, String purpose) {
        String key = clientToken + "@" + candidate.place() + "/" + candidate.instanceType()
                + (purpose == null ? "" : "#" + purpose);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private record CleanupReport(Cleanup outcome, List<String> terminated, List<String> leftovers) {
    }

    /**
     * Terminates what the attempt is known to have made, then lists the place by the attempt's tag (and the known
     * ids) until nothing alive is left, terminating what it finds, at most twice more.
     *
     * <p>On a provider whose reads lag its writes, an empty listing right after a launch proves nothing, so the
     * first listing waits out the lag when the attempt may have made something unseen: it returned instances, or it
     * failed in a way that does not say whether the cloud acted (a server error, a timeout). A refusal (capacity,
     * quota, credentials, a bad parameter) is the cloud saying it made nothing; the listing checks that at once.
     */
    private CleanupReport cleanUp(ComputeProvider provider, AltoException failure, String attemptTag,
                                  List<String> known) {
        Set<String> terminated = new java.util.LinkedHashSet<>();
        try {
            if (!known.isEmpty()) {
                terminate(provider, known);
                terminated.addAll(known);
            }
            boolean uncertain = !known.isEmpty() || failure.code() == ErrorCode.PROVIDER_ERROR
                    || failure.code() == ErrorCode.TIMEOUT;
            Duration lag = provider.consistencyGrace();
            if (uncertain && lag.isPositive()) {
                pause(lag);
            }
            for (int round = 0; ; round++) {
                List<String> alive = alive(provider, attemptTag, terminated);
                if (alive.isEmpty()) {
                    return new CleanupReport(terminated.isEmpty() ? Cleanup.NOTHING_LEFT : Cleanup.CLEANED,
                            List.copyOf(terminated), List.of());
                }
                if (round == 2) {
                    return new CleanupReport(Cleanup.LEAKED, List.copyOf(terminated), alive);
                }
                terminate(provider, alive);
                terminated.addAll(alive);
            }
        } catch (AltoException e) {
            return new CleanupReport(Cleanup.UNVERIFIED, List.copyOf(terminated), List.of());
        }
    }

    private static void terminate(ComputeProvider provider, List<String> ids) {
        try {
            provider.terminate(ids);
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            // Already gone (or never visible): the listing that follows is what decides.
        }
    }

    /** Instances of the attempt that are neither terminating nor terminated, by tag and by the ids known. */
    private static List<String> alive(ComputeProvider provider, String attemptTag, Set<String> known) {
        Map<String, Instance> seen = new LinkedHashMap<>();
        provider.instances(io.altostratus.core.query.InstanceQuery.builder().tag(ATTEMPT_TAG, attemptTag).build())
                .forEach(i -> seen.put(i.id(), i));
        for (String id : known) {
            if (seen.containsKey(id)) {
                continue;
            }
            try {
                Instance i = provider.instance(id);
                seen.put(i.id(), i);
            } catch (AltoException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return seen.values().stream()
                .filter(i -> i.state() != io.altostratus.core.model.InstanceState.TERMINATING
                        && i.state() != io.altostratus.core.model.InstanceState.TERMINATED)
                .map(Instance::id).toList();
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AltoException(ErrorCode.TIMEOUT, "Interrupted", "interrupted while checking a cleanup", e);
        }
    }

    private static AltoException asAlto(RuntimeException e, String during) {
        if (e instanceof AltoException a) {
            return a;
        }
        return new AltoException(ErrorCode.PROVIDER_ERROR, null, during + " failed: " + e, e);
    }

    private PlacementException everyCandidateFailed(Walk walk, int candidates) {
        List<Attempt> attempts = walk.attempts;
        if (attempts.isEmpty()) {
            // Cannot happen with a positive maxAttempts and a non-empty list, but say so rather than claim a cause.
            return new PlacementException(ErrorCode.PROVIDER_ERROR, PlacementException.ALL_CANDIDATES_FAILED,
                    "no attempt was made", attempts, walk.skipped);
        }
        Set<ErrorCode> codes = new HashSet<>();
        attempts.forEach(a -> codes.add(a.code()));
        ErrorCode code = codes.size() == 1 ? attempts.get(0).code() : ErrorCode.PROVIDER_ERROR;
        String providerCode = codes.size() == 1 ? attempts.get(0).providerCode()
                : PlacementException.ALL_CANDIDATES_FAILED;
        int untried = candidates - attempts.size() - walk.skipped;
        String message = "every candidate failed: " + attempts.size() + " attempt(s), " + walk.skipped
                + " skipped in blocked places" + (untried > 0 ? ", " + untried + " not tried (at most " + maxAttempts
                + " attempts)" : "") + "; last: " + attempts.get(attempts.size() - 1).summary();
        return new PlacementException(code, providerCode, message, attempts, walk.skipped);
    }

    /** The state of one walk: blocked places, open sessions, attempts so far. */
    private final class Walk {
        final List<Attempt> attempts = new ArrayList<>();
        final Set<String> blocked = new HashSet<>();
        final Map<String, ComputeProvider> open = new LinkedHashMap<>();
        int skipped;

        ComputeProvider session(Candidate c) {
            String key = c.provider() + "/" + c.region();
            ComputeProvider p = open.get(key);
            if (p == null) {
                p = Objects.requireNonNull(sessions.open(c.provider(), c.region()), "sessions opened nothing for " + key);
                open.put(key, p);
            }
            return p;
        }

        /** The blocked place the candidate is in, or null. */
        String blockedPlace(Candidate c) {
            for (String place : places(c)) {
                if (blocked.contains(place)) {
                    return place;
                }
            }
            String typeThere = typeIn(c);
            return blocked.contains(typeThere) ? typeThere : null;
        }

        void block(Attempt a) {
            Candidate c = a.candidate();
            switch (a.scope()) {
                case CANDIDATE, REQUEST -> { }
                case TYPE_IN_ZONE -> blocked.add(typeIn(c));
                case ZONE -> blocked.add(c.place());
                case REGION -> blocked.add(c.provider() + "/" + c.region());
                case CLOUD -> blocked.add(c.provider());
            }
        }

        /** The key of one type in one place; a space cannot occur in a place, so it never equals a place's key. */
        private static String typeIn(Candidate c) {
            return c.place() + " " + c.instanceType();
        }

        private List<String> places(Candidate c) {
            List<String> out = new ArrayList<>(3);
            out.add(c.provider());
            out.add(c.provider() + "/" + c.region());
            if (c.zone() != null) {
                out.add(c.place());
            }
            return out;
        }

        void closeSessions() {
            for (ComputeProvider p : open.values()) {
                try {
                    p.close();
                } catch (RuntimeException e) {
                    // A session that fails to close changes nothing about where the launch landed.
                }
            }
        }
    }

    /** Mutable builder. */
    public static final class Builder {
        private Sessions sessions;
        private Function<AltoException, FailureScope> classifier = FailureScope::of;
        private int maxAttempts = 16;
        private Duration runningTimeout;
        private Waiter.Builder waiters = Waiter.builder();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Listener listener = new Listener() { };

        private Builder() {
        }

        /** How to open a session per cloud and region (required). */
        public Builder sessions(Sessions v) {
            sessions = Objects.requireNonNull(v, "sessions");
            return this;
        }

        /** What a failure blocks; {@link FailureScope#of} by default. */
        public Builder classifier(Function<AltoException, FailureScope> v) {
            classifier = Objects.requireNonNull(v, "classifier");
            return this;
        }

        /** At most this many launches are tried (16 by default); skipped candidates do not count. */
        public Builder maxAttempts(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + v);
            }
            maxAttempts = v;
            return this;
        }

        /**
         * Counts a launch only once its instances run, waiting up to {@code timeout} through the core waiter; a launch
         * that does not get there is a failed attempt and is cleaned up. Null (the default) counts it at once.
         */
        public Builder waitForRunning(Duration timeout) {
            if (timeout != null && timeout.isNegative()) {
                throw new IllegalArgumentException("the running timeout cannot be negative");
            }
            runningTimeout = timeout;
            return this;
        }

        /** The waiter template (clock, sleeper, progress) for {@link #waitForRunning}. */
        public Builder waiters(Waiter.Builder v) {
            waiters = Objects.requireNonNull(v, "waiters");
            return this;
        }

        /** What a cleanup check sleeps on while waiting out a provider's read lag (tests pass a manual clock). */
        public Builder sleeper(Sleeper v) {
            sleeper = Objects.requireNonNull(v, "sleeper");
            return this;
        }

        public Builder listener(Listener v) {
            listener = Objects.requireNonNull(v, "listener");
            return this;
        }

        public FailoverPolicy build() {
            return new FailoverPolicy(this);
        }
    }
}
