package io.ranchersg.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Parses large answers one at a time, whatever the number of calls in flight. The SDK parses an EC2
 * answer into a tree of the whole document before it builds the answer's objects, and that tree
 * takes many times the answer's size. A scan or a serve pass with several large regions in flight
 * held as many trees at once, which is what its heap had to be sized for (a serve pass over 1,000
 * groups in 4 regions needed more than 48 MiB of heap; parsed in turn, it runs in 32 MiB).
 *
 * <p>Each successful answer is first read whole, alongside the other calls (so that the network is
 * never waited for in turn, and so that an answer sent in chunks, without a stated size, has one);
 * only its parsing waits for the turn when it is over {@link #LARGE_BYTES}. Error answers are never
 * held up. A call takes the turn just before its answer is parsed and gives it back just after (the
 * SDK calls the interceptors of an answer in the reverse of their order, so this one, added last,
 * is the first to see it and the first to see it parsed); a new attempt or the call's failure give
 * back a turn still held (a parse that failed). A thread that waits longer than {@link #LONGEST_WAIT}, which
 * only a turn never given back could cause (an {@link Error} thrown while parsing skips the SDK's
 * failure hooks), parses without it rather than wait for ever; a timeout of the call ends the wait.
 */
final class LargeAnswers implements ExecutionInterceptor {

    private static final Logger log = LoggerFactory.getLogger(LargeAnswers.class);

    /** Answers bigger than this are parsed in turn: some 200 groups of a few rules each. */
    static final long LARGE_BYTES = 256 * 1024;

    /** Far longer than parsing any answer takes. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    /** The process's one turn: every client of a run and of a serve process shares it. */
    static final LargeAnswers IN_TURN = new LargeAnswers(new Semaphore(1, true), LARGE_BYTES, LONGEST_WAIT);

    /** The size of an answer not read here: an error's, or one not yet arrived. */
    private static final long UNREAD = -1;
    private static final ExecutionAttribute<Long> SIZE = new ExecutionAttribute<>("rancher-sg.answer-size");
    private static final ExecutionAttribute<AtomicBoolean> HOLDS_TURN =
            new ExecutionAttribute<>("rancher-sg.large-answer-turn");

    private final Semaphore turn;
    private final long largeBytes;
    private final Duration longestWait;

    LargeAnswers(Semaphore turn, long largeBytes, Duration longestWait) {
        this.turn = turn;
        this.largeBytes = largeBytes;
        this.longestWait = longestWait;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        giveBack(attributes); // an attempt before this one failed while it held the turn
        attributes.putAttribute(SIZE, UNREAD);
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !context.httpResponse().isSuccessful()) {
            return body;
        }
        try (InputStream in = body.get()) {
            byte[] whole = in.readAllBytes();
            attributes.putAttribute(SIZE, (long) whole.length);
            return Optional.of(new ByteArrayInputStream(whole));
        } catch (IOException e) {
            // As a connection that breaks while the SDK reads it: the call's retries apply.
            throw SdkClientException.builder().message("cannot read the answer: " + e.getMessage()).cause(e).build();
        }
    }

    @Override
    public void beforeUnmarshalling(Context.BeforeUnmarshalling context, ExecutionAttributes attributes) {
        Long size = attributes.getAttribute(SIZE);
        if (size == null || size <= largeBytes) {
            return;
        }
        try {
            if (turn.tryAcquire(longestWait.toMillis(), TimeUnit.MILLISECONDS)) {
                attributes.putAttribute(HOLDS_TURN, new AtomicBoolean(true));
            } else {
                log.debug("parsing a {}-byte answer without waiting longer for the turn", size);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a timeout of the call, or the run ending
            throw AbortedException.builder().message("interrupted while waiting to parse a large answer").cause(e)
                    .build();
        }
    }

    @Override
    public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
        giveBack(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        giveBack(attributes);
    }

    private void giveBack(ExecutionAttributes attributes) {
        AtomicBoolean holds = attributes.getAttribute(HOLDS_TURN);
        if (holds != null && holds.compareAndSet(true, false)) {
            turn.release();
        }
    }
}
