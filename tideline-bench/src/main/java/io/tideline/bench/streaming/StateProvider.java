package io.tideline.bench.streaming;

import java.util.Locale;

/** The state store provider a recovery or heap run uses. */
enum StateProvider {
  /** Each engine's default: Tideline's in-memory store, Spark's HDFS-backed store. */
  DEFAULT,
  /** Each engine's RocksDB-backed store. */
  ROCKSDB;

  /** The name in commands and on the peer's protocol: {@code default}, {@code rocksdb}. */
  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
