package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SessionMergerTest {

  private static long[][] merge(long[] start, long[] end) {
    Integer[] boxed = new Integer[start.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(start[a], start[b]));
    int[] rows = new int[boxed.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = boxed[i];
    }
    long[] ms = new long[start.length];
    long[] me = new long[start.length];
    SessionMerger.merge(start, end, rows, 0, rows.length, ms, me);
    return new long[][] {ms, me};
  }

  @Test
  void merge_overlappingAndTouchingSessions_becomeOne() {
    long[][] m = merge(new long[] {40, 25, 30, 50, 70}, new long[] {50, 35, 40, 60, 80});
    assertThat(m[0]).containsExactly(25, 25, 25, 25, 70);
    assertThat(m[1]).containsExactly(60, 60, 60, 60, 80);
  }

  @Test
  void merge_returnsTheNumberOfSessions_andHonoursTheRowRange() {
    long[] start = {0, 100, 5, 200};
    long[] end = {10, 110, 15, 210};
    int[] rows = {0, 2, 1, 3};
    long[] ms = new long[4];
    long[] me = new long[4];
    assertThat(SessionMerger.merge(start, end, rows, 0, 3, ms, me)).isEqualTo(2);
    assertThat(ms).containsExactly(0, 100, 0, 0);
    assertThat(me).containsExactly(15, 110, 15, 0);
  }

  @Test
  void merge_unsortedRows_isABug() {
    assertThatThrownBy(
            () ->
                SessionMerger.merge(
                    new long[] {5, 1},
                    new long[] {6, 2},
                    new int[] {0, 1},
                    0,
                    2,
                    new long[2],
                    new long[2]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Bug in Tideline");
  }

  /**
   * Each row's merged session equals the fixpoint of merging every overlapping or touching pair.
   */
  @Property(tries = 200)
  void merge_equalsPairwiseMergingToAFixpoint(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = -50, max = 50) Integer> starts,
      @ForAll @Size(min = 30, max = 30) List<@IntRange(min = 1, max = 15) Integer> gaps) {
    int n = starts.size();
    long[] start = new long[n];
    long[] end = new long[n];
    for (int i = 0; i < n; i++) {
      start[i] = starts.get(i);
      end[i] = start[i] + gaps.get(i);
    }
    long[] ms = start.clone();
    long[] me = end.clone();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          boolean meet = ms[i] <= me[j] && ms[j] <= me[i];
          if (meet && (ms[i] != ms[j] || me[i] != me[j])) {
            long s = Math.min(ms[i], ms[j]);
            long e = Math.max(me[i], me[j]);
            ms[i] = ms[j] = s;
            me[i] = me[j] = e;
            changed = true;
          }
        }
      }
    }
    long[][] m = merge(start, end);
    assertThat(m[0]).containsExactly(ms);
    assertThat(m[1]).containsExactly(me);
  }
}
