package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

    private static final List<String> IDS = IntStream.range(0, 500)
            .mapToObj(i -> String.format(Locale.ROOT, "%012d", 100_000_000_000L + 7919L * i)).toList();

    @Test
    void shardsAreDisjointAndTogetherHoldEveryAccountWhateverTheOrder() {
        for (int count : new int[] {1, 2, 3, 7, 16}) {
            List<String> together = new ArrayList<>();
            List<String> shuffled = new ArrayList<>(IDS);
            Collections.shuffle(shuffled, new java.util.Random(count));
            for (int index = 0; index < count; index++) {
                Shard shard = new Shard(index, count);
                List<String> part = shard.select(IDS, id -> id);
                assertThat(shard.select(shuffled, id -> id)).as("the file's order does not matter")
                        .containsExactlyInAnyOrderElementsOf(part);
                together.addAll(part);
            }
            assertThat(together).as(count + " shards").doesNotHaveDuplicates().hasSameSizeAs(IDS)
                    .containsExactlyInAnyOrderElementsOf(IDS);
        }
    }

    @Test
    void anAccountsShardIsTheDocumentedHash() {
        // python3 -c 'import hashlib;print(int.from_bytes(hashlib.sha256(b"123456789012").digest()[:8],"big")%4)'
        assertThat(Shard.of("123456789012", 4)).isEqualTo(2);
        assertThat(Shard.of("123456789012", 1)).isZero();
    }

    @Test
    void shardsSpreadAccountsRoughlyEvenly() {
        for (int index = 0; index < 4; index++) {
            assertThat(new Shard(index, 4).select(IDS, id -> id)).hasSizeBetween(90, 160);
        }
    }

    @Test
    void badShardsAreRefusedNamingTheValue() {
        assertThat(Shard.parse(" 2/3 ")).isEqualTo(new Shard(2, 3));
        assertThatThrownBy(() -> Shard.parse("3/3")).hasMessageContaining("index 3 is out of range 0..2");
        assertThatThrownBy(() -> Shard.parse("0/0")).hasMessageContaining("count 0");
        assertThatThrownBy(() -> Shard.parse("1-4")).hasMessageContaining("'1-4'");
    }
}
