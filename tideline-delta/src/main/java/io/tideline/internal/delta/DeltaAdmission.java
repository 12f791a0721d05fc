package io.tideline.internal.delta;

import io.tideline.connector.ReadLimit;
import java.util.Optional;

/**
 * How many more files and bytes one batch of the Delta source admits, as delta-spark's {@code
 * AdmissionLimits}: a file is admitted while both budgets are above zero, then charged, so {@code
 * maxFilesPerTrigger} is exact and {@code maxBytesPerTrigger} soft (the file that crosses it is
 * still taken, and a batch always takes at least one file).
 */
final class DeltaAdmission {
  private long filesToTake;
  private long bytesToTake;

  private DeltaAdmission(long files, long bytes) {
    this.filesToTake = files;
    this.bytesToTake = bytes;
  }

  /** The budget of {@code limit}; empty when it admits everything. */
  static Optional<DeltaAdmission> of(ReadLimit limit) {
    long files = Long.MAX_VALUE;
    long bytes = Long.MAX_VALUE;
    boolean limited = false;
    Iterable<ReadLimit> parts =
        limit instanceof ReadLimit.Composite c ? c.limits() : java.util.List.of(limit);
    for (ReadLimit part : parts) {
      if (part instanceof ReadLimit.MaxFiles f) {
        files = Math.min(files, f.files());
        limited = true;
      } else if (part instanceof ReadLimit.MaxBytes b) {
        bytes = Math.min(bytes, b.bytes());
        limited = true;
      }
    }
    return limited ? Optional.of(new DeltaAdmission(files, bytes)) : Optional.empty();
  }

  /**
   * Whether the next position is admitted: a file ({@code file} not null) is charged to the budget;
   * a version boundary ({@code null}) only needs budget left.
   */
  boolean admit(AddedFile file) {
    boolean admitted = filesToTake > 0 && bytesToTake > 0;
    if (file != null) {
      filesToTake--;
      bytesToTake -= file.size();
    }
    return admitted;
  }
}
