package io.ranchersg.aws;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts EC2 API calls by operation, as an SDK interceptor: a call is one operation however many
 * attempts its retries take; attempts are counted apart.
 *
 * <p>Besides the session's totals it keeps a tally for the run under way on the calling thread
 * (the SDK's synchronous client runs interceptors on the caller's thread), so that concurrent runs
 * sharing one session each report exactly their own calls.
 */
public final class CallCounter implements ExecutionInterceptor {

    private static final Logger log = LoggerFactory.getLogger(CallCounter.class);

    private final ConcurrentMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<String, Integer>> currentRun = new ThreadLocal<>();
    private final String service;

    /** A counter of EC2 calls. */
    public CallCounter() {
        this("EC2");
    }

    /** A counter of another service's calls ({@code STS}), logged under that name. */
    CallCounter(String service) {
        this.service = service;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        record(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /**
     * Counts one call of the operation (an EC2 action name such as {@code CreateSecurityGroup}): in
     * the session's totals and in the run under way on this thread. The SDK interceptor counts
     * through here, and so does a gateway that is not the SDK (the tests' in-memory EC2).
     */
    void record(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        Map<String, Integer> run = currentRun.get();
        if (run != null) {
            run.merge(operation, 1, Integer::sum);
        }
        log.info("{} {}", service, operation);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        int attempt = attempts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        log.debug("{} {} attempt (#{} for this operation in this session)", service, operation, attempt);
    }

    /** {@return calls made through this session so far, by operation name} */
    public Map<String, Integer> calls() {
        return snapshot(calls);
    }

    /** {@return HTTP attempts so far, by operation name: more than {@link #calls()} when the SDK retried} */
    public Map<String, Integer> attempts() {
        return snapshot(attempts);
    }

    /** {@return starts counting the calls this thread makes, for one run} */
    Tally startTally() {
        Map<String, Integer> run = new TreeMap<>();
        currentRun.set(run);
        return new Tally(run);
    }

    /** All calls in counts by operation. */
    static int total(Map<String, Integer> calls) {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The calls in counts by operation that write (anything but Describe). */
    static int writes(Map<String, Integer> calls) {
        return calls.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("Describe"))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }

    /** The calls of one run; {@link #close()} stops counting. */
    final class Tally implements AutoCloseable {
        private final Map<String, Integer> run;

        private Tally(Map<String, Integer> run) {
            this.run = run;
        }

        Map<String, Integer> calls() {
            return Collections.unmodifiableMap(new TreeMap<>(run));
        }

        @Override
        public void close() {
            currentRun.remove();
        }
    }
}
