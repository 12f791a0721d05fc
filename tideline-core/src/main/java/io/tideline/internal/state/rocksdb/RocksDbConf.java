package io.tideline.internal.state.rocksdb;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.exec.ExecErrors;
import io.tideline.internal.state.InMemoryStateStoreProvider;

/**
 * The settings of the RocksDB provider, read once per store from the query's conf: Spark's {@code
 * spark.sql.streaming.stateStore.rocksdb.*} keys under the {@code tideline.} prefix, with Spark's
 * defaults, plus the snapshot and retention keys the in-memory provider uses.
 *
 * @param minDeltasForSnapshot changelogs after the last snapshot that make the next one due
 * @param minBatchesToRetain versions kept recoverable on disk
 * @param fsync whether published files are forced to disk
 * @param boundedMemoryUsage whether every store of the JVM shares one block cache and write buffer
 *     budget of {@code maxMemoryUsageMb}
 * @param maxMemoryUsageMb the shared budget when bounded
 * @param writeBufferCacheRatio the share of the budget memtables may take when bounded
 * @param highPriorityPoolRatio the share of the cache kept for index and filter blocks when bounded
 * @param blockCacheSizeMb each store's own block cache when not bounded
 * @param blockSizeKb the SST block size
 * @param writeBufferSizeMb the memtable size, or -1 for RocksDB's default
 * @param maxWriteBufferNumber the memtables per store, or -1 for RocksDB's default
 * @param compression Spark's compression name ({@code lz4}, {@code snappy}, {@code zstd}, ...)
 */
record RocksDbConf(
    int minDeltasForSnapshot,
    int minBatchesToRetain,
    boolean fsync,
    boolean boundedMemoryUsage,
    long maxMemoryUsageMb,
    double writeBufferCacheRatio,
    double highPriorityPoolRatio,
    long blockCacheSizeMb,
    long blockSizeKb,
    long writeBufferSizeMb,
    int maxWriteBufferNumber,
    String compression) {

  static final String PREFIX = "tideline.sql.streaming.stateStore.rocksdb.";
  static final String BOUNDED_MEMORY_USAGE = PREFIX + "boundedMemoryUsage";
  static final String MAX_MEMORY_USAGE_MB = PREFIX + "maxMemoryUsageMB";
  static final String WRITE_BUFFER_CACHE_RATIO = PREFIX + "writeBufferCacheRatio";
  static final String HIGH_PRIORITY_POOL_RATIO = PREFIX + "highPriorityPoolRatio";
  static final String BLOCK_CACHE_SIZE_MB = PREFIX + "blockCacheSizeMB";
  static final String BLOCK_SIZE_KB = PREFIX + "blockSizeKB";
  static final String WRITE_BUFFER_SIZE_MB = PREFIX + "writeBufferSizeMB";
  static final String MAX_WRITE_BUFFER_NUMBER = PREFIX + "maxWriteBufferNumber";
  static final String COMPRESSION = PREFIX + "compression";

  static RocksDbConf from(TidelineConf conf) {
    RocksDbConf c =
        new RocksDbConf(
            conf.getInt(InMemoryStateStoreProvider.MIN_DELTAS_FOR_SNAPSHOT, 10),
            conf.getInt(InMemoryStateStoreProvider.MIN_BATCHES_TO_RETAIN, 100),
            conf.getBoolean(InMemoryStateStoreProvider.FSYNC, true),
            conf.getBoolean(BOUNDED_MEMORY_USAGE, false),
            conf.getLong(MAX_MEMORY_USAGE_MB, 500),
            ratio(conf, WRITE_BUFFER_CACHE_RATIO, 0.5),
            ratio(conf, HIGH_PRIORITY_POOL_RATIO, 0.1),
            conf.getLong(BLOCK_CACHE_SIZE_MB, 8),
            conf.getLong(BLOCK_SIZE_KB, 4),
            conf.getLong(WRITE_BUFFER_SIZE_MB, -1),
            conf.getInt(MAX_WRITE_BUFFER_NUMBER, -1),
            conf.get(COMPRESSION, "lz4").trim().toLowerCase(java.util.Locale.ROOT));
    c.validate();
    return c;
  }

  private static double ratio(TidelineConf conf, String key, double defaultValue) {
    String v = conf.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d >= 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // Reported below with the expected range.
    }
    throw ExecErrors.invalidConf(key, v, "a number between 0 and 1");
  }

  private void validate() {
    if (boundedMemoryUsage && writeBufferCacheRatio + highPriorityPoolRatio >= 1.0) {
      // Spark's rule: memtables and the high-priority pool cannot take the whole cache.
      throw ExecErrors.invalidConf(
          WRITE_BUFFER_CACHE_RATIO,
          Double.toString(writeBufferCacheRatio),
          "a ratio that with "
              + HIGH_PRIORITY_POOL_RATIO
              + " ("
              + highPriorityPoolRatio
              + ") sums to less than 1");
    }
    if (boundedMemoryUsage && maxMemoryUsageMb <= 0) {
      throw ExecErrors.invalidConf(
          MAX_MEMORY_USAGE_MB, Long.toString(maxMemoryUsageMb), "a positive number of MB");
    }
    if (!boundedMemoryUsage && blockCacheSizeMb <= 0) {
      throw ExecErrors.invalidConf(
          BLOCK_CACHE_SIZE_MB, Long.toString(blockCacheSizeMb), "a positive number of MB");
    }
    if (blockSizeKb <= 0) {
      throw ExecErrors.invalidConf(
          BLOCK_SIZE_KB, Long.toString(blockSizeKb), "a positive number of KB");
    }
    if (compressionType() == null) {
      throw ExecErrors.invalidConf(
          COMPRESSION, compression, "one of none, snappy, zlib, bzip2, lz4, lz4hc, zstd");
    }
  }

  /** RocksDB's compression for {@link #compression}, or null for an unknown name. */
  org.rocksdb.CompressionType compressionType() {
    return switch (compression) {
      case "none" -> org.rocksdb.CompressionType.NO_COMPRESSION;
      case "snappy" -> org.rocksdb.CompressionType.SNAPPY_COMPRESSION;
      case "zlib" -> org.rocksdb.CompressionType.ZLIB_COMPRESSION;
      case "bzip2" -> org.rocksdb.CompressionType.BZLIB2_COMPRESSION;
      case "lz4" -> org.rocksdb.CompressionType.LZ4_COMPRESSION;
      case "lz4hc" -> org.rocksdb.CompressionType.LZ4HC_COMPRESSION;
      case "zstd" -> org.rocksdb.CompressionType.ZSTD_COMPRESSION;
      default -> null;
    };
  }
}
