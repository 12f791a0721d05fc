package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bid generator: its keys, prices and times, and the JSON lines it writes. */
class BidEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void auction_everyBlockOfAuctionsBids_touchesEveryAuctionOnce() {
    BidEvents bids = BidEvents.throughput(10_000, 1000);

    for (long block = 0; block < 3; block++) {
      Set<Long> seen = new HashSet<>();
      for (long i = block * 1000; i < (block + 1) * 1000; i++) {
        seen.add(bids.auction(i));
      }
      assertThat(seen).hasSize(1000).allMatch(a -> a >= 0 && a < 1000);
    }
  }

  @Test
  void priceAndTime_stayInTheirRanges_andTimeAdvancesAtTheRate() {
    BidEvents bids = new BidEvents(100_000, 10, 1000, 3000, BidEvents.DEFAULT_START_MILLIS);

    for (long i = 0; i < bids.events(); i += 7) {
      long nominal = BidEvents.DEFAULT_START_MILLIS + i;
      assertThat(bids.price(i)).isBetween(1L, 10_000L);
      assertThat(bids.tsMillis(i)).isBetween(nominal - 2999, nominal);
    }
    assertThat(BidEvents.liveKeys(500, 0).tsMillis(499)).isLessThan(5000);
  }

  @Test
  void first_splitsTheEventsIntoContiguousFilesThatCoverAll() {
    BidEvents bids = BidEvents.throughput(103, 5);

    assertThat(bids.first(0, 4)).isZero();
    assertThat(bids.first(4, 4)).isEqualTo(103);
    for (int f = 0; f < 4; f++) {
      assertThat(bids.first(f + 1, 4) - bids.first(f, 4)).isBetween(25L, 26L);
    }
  }

  @Test
  void writeJson_linesHoldTheGeneratorsValues_filesOrderedByModificationTime(@TempDir Path tmp)
      throws Exception {
    BidEvents bids = new BidEvents(30, 7, 10, 3000, BidEvents.DEFAULT_START_MILLIS);

    bids.writeJson(tmp, 3);

    long i = 0;
    long previousMtime = Long.MIN_VALUE;
    for (int f = 0; f < 3; f++) {
      Path file = tmp.resolve(BidEvents.fileName(f, "json"));
      long mtime = Files.getLastModifiedTime(file).toMillis();
      assertThat(mtime).isGreaterThan(previousMtime);
      previousMtime = mtime;
      List<String> lines = Files.readAllLines(file);
      assertThat(lines).hasSize(10);
      for (String line : lines) {
        JsonNode bid = JSON.readTree(line);
        assertThat(bid.get("auction").asLong()).isEqualTo(bids.auction(i));
        assertThat(bid.get("price").asLong()).isEqualTo(bids.price(i));
        assertThat(Instant.parse(bid.get("ts").asText()).toEpochMilli())
            .isEqualTo(bids.tsMillis(i));
        i++;
      }
    }
  }

  @Test
  void timestampText_formatsMillisAsIsoInstants() {
    StringBuilder out = new StringBuilder();
    BidEvents.TimestampText ts = new BidEvents.TimestampText();

    ts.append(out, Instant.parse("2026-01-01T23:59:59.007Z").toEpochMilli());
    out.append(' ');
    ts.append(out, Instant.parse("2026-01-02T00:00:00.120Z").toEpochMilli());

    assertThat(out).hasToString("2026-01-01T23:59:59.007Z 2026-01-02T00:00:00.120Z");
  }

  @Test
  void new_nonsense_isAUsageError() {
    assertThatThrownBy(() -> new BidEvents(0, 1, 1, 0, 0)).hasMessageContaining("positive counts");
  }
}
