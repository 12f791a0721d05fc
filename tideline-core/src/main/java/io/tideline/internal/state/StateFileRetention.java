package io.tideline.internal.state;

import java.util.NavigableSet;

/**
 * When a state store writes a snapshot and which of its files it may delete: the rules every
 * file-backed provider shares, over the versions of its change files (deltas, changelogs) and of
 * its snapshots. Spark's rules: a snapshot once the changes since the last one exceed {@code
 * minDeltasForSnapshot}; files older than the newest snapshot at or below {@code latest -
 * minBatchesToRetain} are no longer needed to load any retained version.
 */
public final class StateFileRetention {

  private StateFileRetention() {}

  /** The newest version that has a file of either kind, or 0. */
  public static long latestVersion(NavigableSet<Long> changes, NavigableSet<Long> snapshots) {
    long latest = changes.isEmpty() ? 0 : changes.last();
    return snapshots.isEmpty() ? latest : Math.max(latest, snapshots.last());
  }

  /**
   * Whether version {@code latest}, which the provider has loaded as {@code loadedVersion}, should
   * be written as a snapshot now.
   */
  public static boolean snapshotDue(
      NavigableSet<Long> changes,
      NavigableSet<Long> snapshots,
      long latest,
      long loadedVersion,
      int minDeltasForSnapshot) {
    if (latest <= 0 || loadedVersion != latest || snapshots.contains(latest)) {
      return false;
    }
    Long lastSnapshot = snapshots.floor(latest);
    int since = changes.subSet(lastSnapshot == null ? 0 : lastSnapshot, false, latest, true).size();
    return since > minDeltasForSnapshot;
  }

  /**
   * The snapshot version every retained version loads from, or -1 when nothing may be deleted yet
   * (no snapshot is old enough, so every change file from version 1 is still needed). Files of
   * versions below it may go; the base's own change file stays, since a re-run commit of that
   * version deletes the snapshot first and then needs it if the commit fails.
   */
  public static long cleanupBase(
      NavigableSet<Long> snapshots, long latest, int minBatchesToRetain) {
    long earliestToRetain = latest - minBatchesToRetain;
    if (earliestToRetain <= 0) {
      return -1;
    }
    Long base = snapshots.floor(earliestToRetain);
    return base == null ? -1 : base;
  }
}
