package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The answer model against a brute-force replay of Spark's rules, and on a hand-made case. */
class WindowedAnswerTest {

  @Test
  void expected_update_isEveryBatchsTouchedKeysWithTheirRunningTotals() {
    // 4 bids a second on 2 auctions, no jitter: bids 0..39 span 10 s, one window per 40 bids.
    BidEvents bids = new BidEvents(80, 2, 4, 0, BidEvents.DEFAULT_START_MILLIS);

    // One batch: 4 keys (2 windows x 2 auctions), 20 bids each.
    WindowedAnswer one = WindowedAnswer.expected(bids, 1, 1, "update").get(0);
    assertThat(one.rows()).isEqualTo(4);
    assertThat(one.sumBids()).isEqualTo(80);

    // Four batches of 20 bids: each touches one window's 2 keys, which it emits with running
    // counts 10 then 20.
    WindowedAnswer four = WindowedAnswer.expected(bids, 4, 1, "update").get(0);
    assertThat(four.rows()).isEqualTo(8);
    assertThat(four.sumBids()).isEqualTo(2 * (10 + 20) * 2);
  }

  @Test
  void expected_matchesABruteForceReplay_inBothModes() {
    List<BidEvents> cases =
        List.of(
            new BidEvents(5000, 13, 200, 3000, BidEvents.DEFAULT_START_MILLIS),
            new BidEvents(4000, 50, 100, 0, BidEvents.DEFAULT_START_MILLIS + 3_000),
            BidEvents.throughput(30_000, 97));
    for (BidEvents bids : cases) {
      for (int files : new int[] {1, 5, 8}) {
        for (int perTrigger : new int[] {1, 2, 3}) {
          List<WindowedAnswer> update = WindowedAnswer.expected(bids, files, perTrigger, "update");
          List<WindowedAnswer> append = WindowedAnswer.expected(bids, files, perTrigger, "append");
          assertThat(update).containsExactly(replay(bids, files, perTrigger, true, false));
          assertThat(append)
              .contains(replay(bids, files, perTrigger, false, false))
              .contains(replay(bids, files, perTrigger, false, true));
        }
      }
    }
  }

  @Test
  void expected_bidLaterThanTheWatermark_isABugInTheGenerator() {
    // 9 s of jitter against a 4 s delay makes bids late once the watermark has moved.
    BidEvents bids = new BidEvents(20_000, 10, 1000, 9000, BidEvents.DEFAULT_START_MILLIS);

    assertThatThrownBy(() -> WindowedAnswer.expected(bids, 10, 1, "update"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Bug in Tideline: the bid generator made bid");
  }

  /**
   * Spark's rules, row by row with maps: per batch, keys are (window start, auction); update emits
   * the batch's keys with their totals; append emits and drops the keys whose window end is at or
   * before the batch's watermark (the previous batches' max event time minus 4 s), and a trailing
   * no-data batch does the same with the final watermark.
   */
  private static WindowedAnswer replay(
      BidEvents bids, int files, int perTrigger, boolean update, boolean trailing) {
    Map<List<Long>, long[]> state = new TreeMap<>(WindowedAnswerTest::compareKeys);
    long maxTs = Long.MIN_VALUE;
    WindowedAnswer out = WindowedAnswer.NONE;
    List<long[]> batches = new ArrayList<>();
    for (int f = 0; f < files; f += perTrigger) {
      batches.add(
          new long[] {bids.first(f, files), bids.first(Math.min(files, f + perTrigger), files)});
    }
    if (trailing) {
      batches.add(new long[] {0, 0});
    }
    for (long[] batch : batches) {
      long watermark = maxTs == Long.MIN_VALUE ? Long.MIN_VALUE : maxTs - 4000;
      Map<List<Long>, long[]> touched = new TreeMap<>(WindowedAnswerTest::compareKeys);
      for (long i = batch[0]; i < batch[1]; i++) {
        long ts = bids.tsMillis(i);
        maxTs = Math.max(maxTs, ts);
        List<Long> key = List.of(Math.floorDiv(ts, 10_000) * 10_000, bids.auction(i));
        long[] agg = state.computeIfAbsent(key, k -> new long[2]);
        agg[0]++;
        agg[1] = Math.max(agg[1], bids.price(i));
        touched.put(key, agg);
      }
      if (update) {
        for (long[] agg : touched.values()) {
          out = out.plus(new WindowedAnswer(1, agg[0], agg[1]));
        }
      } else {
        for (var it = state.entrySet().iterator(); it.hasNext(); ) {
          var e = it.next();
          if (watermark != Long.MIN_VALUE && e.getKey().get(0) + 10_000 <= watermark) {
            out = out.plus(new WindowedAnswer(1, e.getValue()[0], e.getValue()[1]));
            it.remove();
          }
        }
      }
    }
    return out;
  }

  private static int compareKeys(List<Long> a, List<Long> b) {
    int c = Long.compare(a.get(0), b.get(0));
    return c != 0 ? c : Long.compare(a.get(1), b.get(1));
  }
}
