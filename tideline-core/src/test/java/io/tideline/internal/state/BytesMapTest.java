package io.tideline.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BytesMapTest {

  private static byte[] key(int k) {
    return ByteBuffer.allocate(4).putInt(k).array();
  }

  @Property(tries = 200)
  void putGetRemove_matchHashMap(
      @ForAll @Size(max = 400) List<@IntRange(min = -300, max = 300) Integer> ops) {
    BytesMap map = new BytesMap();
    Map<Integer, Integer> model = new HashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      int op = ops.get(i);
      // Negative numbers remove, others put: keys cluster so probe runs collide and wrap.
      if (op < 0) {
        byte[] removed = map.remove(key(-op % 97));
        Integer expected = model.remove(-op % 97);
        assertThat(removed == null ? null : ByteBuffer.wrap(removed).getInt()).isEqualTo(expected);
      } else {
        map.put(key(op % 97), key(i));
        model.put(op % 97, i);
      }
      assertThat(map.size()).isEqualTo(model.size());
    }
    for (int k = 0; k < 97; k++) {
      byte[] v = map.get(key(k));
      assertThat(v == null ? null : ByteBuffer.wrap(v).getInt())
          .as("key %d", k)
          .isEqualTo(model.get(k));
    }
    int seen = 0;
    for (int s = 0; s < map.capacity(); s++) {
      if (map.keyAt(s) != null) {
        seen++;
      }
    }
    assertThat(seen).isEqualTo(model.size());
  }

  @Test
  void sizeInBytes_tracksSlotsAndArrays() {
    BytesMap map = new BytesMap();
    long empty = map.sizeInBytes();
    map.put(new byte[10], new byte[20]);
    // 16-byte headers, rounded up to 8: 32 + 40.
    assertThat(map.sizeInBytes() - empty).isEqualTo(72);
    map.remove(new byte[10]);
    assertThat(map.sizeInBytes()).isEqualTo(empty);
  }
}
