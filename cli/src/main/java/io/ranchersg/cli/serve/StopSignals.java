package io.ranchersg.cli.serve;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT as a request to stop: the handler only asks the guard to stop, and the
 * command returns 0 once the work in flight is done. Without it the JVM would run its shutdown
 * and exit 143 (SIGTERM) or 130 (SIGINT) while a call may still be under way. Closing puts the
 * previous handlers back.
 */
public final class StopSignals implements AutoCloseable {

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {
    }

    /**
     * Installs the handlers.
     *
     * @param stop what a signal does
     * @return the installed handlers, to be closed
     */
    public static StopSignals install(Runnable stop) {
        StopSignals installed = new StopSignals();
        for (String name : List.of("TERM", "INT")) {
            Signal signal = new Signal(name);
            try {
                installed.previous.add(Signal.handle(signal, s -> stop.run()));
                installed.signals.add(signal);
            } catch (IllegalArgumentException e) {
                // The JVM was started with -Xrs or reserves the signal: its default shutdown stays in place.
            }
        }
        return installed;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
