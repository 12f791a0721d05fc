package io.tideline.internal.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.statistics.DataFileStatistics;
import java.nio.file.Path;

/**
 * One Parquet file a write produced, before it is committed.
 *
 * @param localPath where it is on disk, for cleanup
 * @param kernelPath its path as Kernel spells it (the write context's directory plus the name)
 * @param size its length in bytes
 * @param modificationTimeMs its modification time
 * @param rows how many rows it holds
 * @param context the write context of its partition, which carries the partition values
 * @param stats its statistics ({@link DeltaFileStats}), written into its {@code add} action
 */
record DataFile(
    Path localPath,
    String kernelPath,
    long size,
    long modificationTimeMs,
    long rows,
    DataWriteContext context,
    DataFileStatistics stats) {}
