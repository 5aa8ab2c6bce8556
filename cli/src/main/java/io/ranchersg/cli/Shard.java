package io.ranchersg.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} disjoint parts of a fleet, for N scheduled jobs that together scan it all
 * (a Kubernetes Indexed Job: one shard per completion index). An account belongs to shard
 * {@code SHA-256(account_id) mod count}, the digest's first eight bytes read as an unsigned
 * big-endian number: the same account always lands in the same shard, whatever the file's order
 * and whatever accounts are added or removed around it. Shards are equal when index and count are.
 *
 * @param index which part, from 0 (as {@code JOB_COMPLETION_INDEX} counts)
 * @param count how many parts, at least 1
 */
record Shard(int index, int count) {

    /** The most shards: far more than jobs anyone schedules at once. */
    static final int MAX_COUNT = 10_000;
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("shard count " + count + " is out of range 1.." + MAX_COUNT);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index " + index + " is out of range 0.." + (count - 1)
                    + " for " + count + " shards");
        }
    }

    /**
     * {@code I/N}: shard I of N, counted from 0.
     *
     * @throws IllegalArgumentException naming the value
     */
    static Shard parse(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid shard '" + text + "': expected I/N, such as 0/4 (the first"
                    + " of four)");
        }
        return new Shard(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** The shard of an account id. */
    static int of(String accountId, int count) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accountId.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(value, count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The items of this shard, in their order. */
    <T> List<T> select(List<T> items, Function<T, String> accountId) {
        return items.stream().filter(item -> of(accountId.apply(item), count) == index).toList();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
