/**
 * Delta Lake through Delta Kernel: the {@code delta} streaming sink ({@link
 * io.tideline.internal.delta.DeltaSinkProvider}), the {@code delta} streaming source ({@link
 * io.tideline.internal.delta.DeltaSourceProvider}), batch reads ({@link
 * io.tideline.internal.delta.DeltaBatchReadProvider}) and batch writes ({@link
 * io.tideline.internal.delta.DeltaBatchWriteProvider}), found by {@link java.util.ServiceLoader}
 * under the format name {@code delta}.
 *
 * <p>Writes go through {@link io.tideline.internal.delta.DeltaWriter} (one commit per write, with
 * Delta's transaction id for idempotency); Parquet files are written and read by tideline-core's
 * own columnar Parquet code, Kernel keeps the log. Calls into Kernel's internal classes live only
 * in {@link io.tideline.internal.delta.KernelInternals}. The streaming source reads each commit's
 * actions once through Kernel ({@link io.tideline.internal.delta.DeltaChangeLog}) and plans each
 * batch's files with the same scan as batch reads.
 */
package io.tideline.internal.delta;
