package io.tideline.internal.state.rocksdb;

import io.tideline.internal.state.BytesMap;
import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One open native RocksDB in a local working folder, with the option objects it was opened with;
 * {@link #close()} frees all of them. Holds exactly one version of a store: the provider writes a
 * batch's changes into it at commit, and reopens it from the checkpoint to move elsewhere.
 *
 * <p>The write-ahead log is off: the checkpoint's changelog files are the durable record, and the
 * working folder is thrown away after a crash anyway.
 */
final class RocksDbInstance implements AutoCloseable {
  private static final byte[] NO_VALUE = new byte[0];

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final BloomFilter bloomFilter;
  private final Options options;
  private final ReadOptions readOptions;
  private final WriteOptions writeOptions;
  private final FlushOptions flushOptions;
  private final RocksDB db;

  private RocksDbInstance(
      Path dir,
      BloomFilter bloomFilter,
      Options options,
      ReadOptions readOptions,
      WriteOptions writeOptions,
      FlushOptions flushOptions,
      RocksDB db) {
    this.dir = dir;
    this.bloomFilter = bloomFilter;
    this.options = options;
    this.readOptions = readOptions;
    this.writeOptions = writeOptions;
    this.flushOptions = flushOptions;
    this.db = db;
  }

  /** Opens (creating if missing) the database in {@code dir}. */
  static RocksDbInstance open(Path dir, RocksDbConf conf, RocksDbMemory.Lease memory)
      throws RocksDBException {
    BloomFilter bloom = new BloomFilter();
    Options options = new Options();
    ReadOptions readOptions = new ReadOptions();
    WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    FlushOptions flushOptions = new FlushOptions().setWaitForFlush(true);
    try {
      BlockBasedTableConfig table = new BlockBasedTableConfig();
      table.setBlockSize(conf.blockSizeKb() * 1024);
      table.setBlockCache(memory.cache());
      table.setFilterPolicy(bloom);
      table.setFormatVersion(5);
      if (memory.bounded()) {
        // Index and filter blocks count against the budget too, instead of growing outside it.
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinL0FilterAndIndexBlocksInCache(true);
        options.setWriteBufferManager(memory.writeBufferManager());
      }
      options
          .setCreateIfMissing(true)
          .setTableFormatConfig(table)
          .setCompressionType(conf.compressionType())
          .setAvoidFlushDuringShutdown(true)
          .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
          .setKeepLogFileNum(1);
      if (conf.writeBufferSizeMb() > 0) {
        options.setWriteBufferSize(conf.writeBufferSizeMb() * 1024 * 1024);
      }
      if (conf.maxWriteBufferNumber() > 0) {
        options.setMaxWriteBufferNumber(conf.maxWriteBufferNumber());
      }
      RocksDB db = RocksDB.open(options, dir.toString());
      return new RocksDbInstance(dir, bloom, options, readOptions, writeOptions, flushOptions, db);
    } catch (RocksDBException | RuntimeException e) {
      flushOptions.close();
      writeOptions.close();
      readOptions.close();
      options.close();
      bloom.close();
      throw e;
    }
  }

  Path dir() {
    return dir;
  }

  byte[] get(byte[] key) throws RocksDBException {
    return db.get(readOptions, key);
  }

  /** Whether {@code key} has a value, without copying the value out. */
  boolean contains(byte[] key) throws RocksDBException {
    return db.get(readOptions, key, NO_VALUE) != RocksDB.NOT_FOUND;
  }

  /**
   * Writes a batch's changes atomically: each value, or a delete where the value is {@code
   * removed}.
   */
  void write(BytesMap changes, byte[] removed) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      for (int s = 0, n = changes.capacity(); s < n; s++) {
        byte[] key = changes.keyAt(s);
        if (key == null) {
          continue;
        }
        byte[] value = changes.valueAt(s);
        if (value == removed) {
          batch.delete(key);
        } else {
          batch.put(key, value);
        }
      }
      db.write(writeOptions, batch);
    }
  }

  /** A native iterator over every entry, in key order; the caller closes it before this. */
  RocksIterator newIterator() {
    return db.newIterator(readOptions);
  }

  /**
   * Flushes the memtables and writes a checkpoint (hard links to the SST files plus the manifest)
   * to {@code target}, which must not exist.
   */
  void checkpoint(Path target) throws RocksDBException {
    db.flush(flushOptions);
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(target.toString());
    }
  }

  /** Native memory of the memtables and table readers (the block cache is counted apart). */
  long memTableAndReaderBytes() {
    try {
      return db.getLongProperty("rocksdb.size-all-mem-tables")
          + db.getLongProperty("rocksdb.estimate-table-readers-mem");
    } catch (RocksDBException e) {
      return 0;
    }
  }

  /** The bytes of the working copy's SST files. */
  long sstFileBytes() {
    try {
      return db.getLongProperty("rocksdb.total-sst-files-size");
    } catch (RocksDBException e) {
      return 0;
    }
  }

  /** Native memory of the table readers (index and filter blocks held outside the cache). */
  long tableReaderBytes() {
    try {
      return db.getLongProperty("rocksdb.estimate-table-readers-mem");
    } catch (RocksDBException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    db.close();
    flushOptions.close();
    writeOptions.close();
    readOptions.close();
    options.close();
    bloomFilter.close();
  }
}
