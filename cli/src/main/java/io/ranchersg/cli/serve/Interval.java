package io.ranchersg.cli.serve;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often serve runs a pass: a period such as {@code 30s}, {@code 5m} or {@code 1h}, each wait
 * drawn within ±10 % of it, so that many guards started together do not call EC2 in step.
 *
 * @param period the mean time between passes, at least one second
 */
public record Interval(Duration period) {

    /** The default period. */
    public static final Interval DEFAULT = new Interval(Duration.ofMinutes(5));

    /** How far a wait may stray from the period, as a fraction of it. */
    static final double JITTER = 0.10;

    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})([smh])");

    /**
     * Checks the period.
     *
     * @param period the mean time between passes, at least one second
     */
    public Interval {
        Objects.requireNonNull(period, "period");
        if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("'" + period + "' is out of range 1s..168h");
        }
    }

    /**
     * Reads a duration as {@code --interval} takes it: a whole number and a unit, {@code s},
     * {@code m} or {@code h}.
     *
     * @param text such as {@code 30s}, {@code 5m}, {@code 1h}
     * @return the interval
     * @throws IllegalArgumentException naming the text when it is not such a duration
     */
    public static Interval parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': expected a whole number and s, m"
                    + " or h, such as 30s, 5m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        Duration period = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        try {
            return new Interval(period);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "': out of range 1s..168h", e);
        }
    }

    /**
     * The wait before the next pass: the period, give or take up to 10 %.
     *
     * @param random where the jitter comes from
     * @return a wait within [0.9, 1.1] times the period
     */
    public Duration nextWait(Random random) {
        double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(period.toMillis() * factor));
    }

    /** {@return how long a pass may run before the guard counts as stuck: three periods} */
    public Duration stuckAfter() {
        return period.multipliedBy(3);
    }
}
