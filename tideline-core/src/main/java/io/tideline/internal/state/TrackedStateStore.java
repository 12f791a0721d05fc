package io.tideline.internal.state;

import java.util.Iterator;

/**
 * A store handed out by the {@link StateStoreRegistry}: delegates everything, and on commit reports
 * the store's metrics so {@link StateStoreRegistry#progress()} can sum them per operator.
 */
final class TrackedStateStore implements StateStore {
  private final StateStore store;
  private final StateStoreRegistry.OperatorEntry operator;

  TrackedStateStore(StateStore store, StateStoreRegistry.OperatorEntry operator) {
    this.store = store;
    this.operator = operator;
  }

  @Override
  public StateStoreId id() {
    return store.id();
  }

  @Override
  public long version() {
    return store.version();
  }

  @Override
  public byte[] get(byte[] key) {
    return store.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    store.put(key, value);
  }

  @Override
  public void remove(byte[] key) {
    store.remove(key);
  }

  @Override
  public Iterator<Entry> iterator() {
    return store.iterator();
  }

  @Override
  public long commit() {
    long committed = store.commit();
    operator.report(store.id(), committed, store.metrics(), store.customMetrics());
    return committed;
  }

  @Override
  public void abort() {
    store.abort();
  }

  @Override
  public boolean hasCommitted() {
    return store.hasCommitted();
  }

  @Override
  public StateStoreMetrics metrics() {
    return store.metrics();
  }

  @Override
  public java.util.Map<String, Long> customMetrics() {
    return store.customMetrics();
  }

  @Override
  public String toString() {
    return store.toString();
  }
}
