package io.tideline.internal.state;

import java.util.Iterator;

/**
 * The state of one partition of one stateful operator at one version: a map from key bytes to value
 * bytes (rows in {@code RowCodec}'s encoding), changed by one batch and then committed as the next
 * version or aborted.
 *
 * <p>Arrays passed in become the store's; callers do not change them afterwards. Arrays returned
 * are the store's; callers do not change them. Used by one task thread at a time.
 */
public interface StateStore {

  StateStoreId id();

  /** The version this store was loaded at; {@link #commit()} writes {@code version() + 1}. */
  long version();

  /** The value of {@code key}, or null. */
  byte[] get(byte[] key);

  void put(byte[] key, byte[] value);

  void remove(byte[] key);

  /**
   * Every entry of this version with this batch's changes applied. Removing keys and putting
   * existing keys during the iteration is allowed (eviction); putting new keys is not.
   */
  Iterator<Entry> iterator();

  /** Makes this batch's changes durable as version {@code version() + 1}; returns that version. */
  long commit();

  /** Drops this batch's changes; the store is unusable afterwards. */
  void abort();

  boolean hasCommitted();

  /** Sizes and counts for progress. */
  StateStoreMetrics metrics();

  /**
   * Provider-specific counters that progress shows under {@code customMetrics}, summed over the
   * operator's stores (for the in-memory provider Spark's {@code loadedMapCacheHitCount}, {@code
   * loadedMapCacheMissCount}, {@code stateOnCurrentVersionSizeBytes}).
   */
  default java.util.Map<String, Long> customMetrics() {
    return java.util.Map.of();
  }

  /** One key and its value. */
  record Entry(byte[] key, byte[] value) {}
}
