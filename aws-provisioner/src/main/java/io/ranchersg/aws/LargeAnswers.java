package io.ranchersg.aws;

import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Reads large answers one at a time, whatever the number of calls in flight. The SDK parses an EC2
 * answer into a tree of the whole document before it builds the answer's objects, and that tree
 * takes many times the answer's size. A scan or a serve pass with several large regions in flight
 * held as many trees at once, which is what its heap had to be sized for (a serve pass over 1,000
 * groups in 4 regions needed more than 48 MiB of heap; read in turn, it runs in 32 MiB); reading
 * them in turn bounds that to one, and costs little time, since reading is work for the processor and not a wait for
 * the network (each call still waits for its answer alongside the others). Small answers, a fleet's
 * usual ones, pass at once.
 *
 * <p>A call takes the turn when its answer arrives (at most once, also over retried attempts) and
 * gives it back when the call ends, however it ends. The SDK calls the interceptors of an answer in
 * the reverse of their order, so this one, added last, takes the turn before the others see the
 * answer.
 */
final class LargeAnswers implements ExecutionInterceptor {

    /** The answers bigger than this, or of no stated size, are read in turn: about 50 groups. */
    static final long LARGE_BYTES = 256 * 1024;

    /** The process's one turn: every client of a run and of a serve process shares it. */
    static final LargeAnswers IN_TURN = new LargeAnswers(new Semaphore(1), LARGE_BYTES);

    private static final ExecutionAttribute<AtomicBoolean> HOLDS_TURN =
            new ExecutionAttribute<>("rancher-sg.large-answer-turn");

    private final Semaphore turn;
    private final long largeBytes;

    LargeAnswers(Semaphore turn, long largeBytes) {
        this.turn = turn;
        this.largeBytes = largeBytes;
    }

    @Override
    public void beforeUnmarshalling(Context.BeforeUnmarshalling context, ExecutionAttributes attributes) {
        AtomicBoolean holds = attributes.getAttribute(HOLDS_TURN);
        if (holds != null && holds.get() || !large(context.httpResponse())) {
            return;
        }
        // Uninterruptibly: the wait is one answer's reading, and a call cannot give up half-way here.
        turn.acquireUninterruptibly();
        attributes.putAttribute(HOLDS_TURN, new AtomicBoolean(true));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
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

    private boolean large(SdkHttpResponse response) {
        OptionalLong size = response.firstMatchingHeader("Content-Length").map(LargeAnswers::parse)
                .orElse(OptionalLong.empty());
        return size.isEmpty() || size.getAsLong() > largeBytes;
    }

    private static OptionalLong parse(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
