package io.tideline.bench.streaming;

import java.util.Locale;

/** How the bids reach the windowed query. */
enum BidFormat {
  /** Parquet files read by the file source with the bid schema: no parsing. */
  PARQUET,
  /** JSON lines read as {@code text} and parsed with {@code from_json(value, bid schema)}. */
  JSON;

  /** The name in commands and on the peer's protocol: {@code parquet}, {@code json}. */
  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
