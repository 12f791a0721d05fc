package io.tideline.internal.delta;

import io.delta.kernel.DataWriteContext;
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
 */
record DataFile(
    Path localPath,
    String kernelPath,
    long size,
    long modificationTimeMs,
    long rows,
    DataWriteContext context) {}
