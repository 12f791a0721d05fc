package io.tideline.internal.state;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.types.StructType;

/**
 * Keeps the versions of one store ({@link StateStoreId}) and loads them. One instance per store per
 * running query; the {@link StateStoreRegistry} keeps it across batches so the latest version stays
 * loaded. Chosen by {@code tideline.sql.streaming.stateStore.providerClass}.
 *
 * <p>Contract for implementations: committing version {@code v + 1} from a store loaded at {@code
 * v} when {@code v + 1} already exists (a batch re-run after a crash) replaces that version, and
 * versions after it are discarded, since they belong to the run being redone; a commit that fails
 * leaves every existing version loadable. Implementations need a public no-argument constructor.
 */
public interface StateStoreProvider extends AutoCloseable {

  /** Called once before any other method. */
  void init(StateStoreId id, StructType keySchema, StructType valueSchema, TidelineConf conf);

  /**
   * The store at {@code version} (0 is empty), ready for one batch's changes.
   *
   * @throws io.tideline.internal.errors.TidelineException naming the store and version when the
   *     version's files are missing or unreadable
   */
  StateStore getStore(long version);

  /** Writes snapshots and deletes versions older than the retained ones; called between batches. */
  void doMaintenance();

  @Override
  void close();
}
