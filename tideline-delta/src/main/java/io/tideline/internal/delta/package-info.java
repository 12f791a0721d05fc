/**
 * Delta Lake through Delta Kernel: the {@code delta} streaming sink ({@link
 * io.tideline.internal.delta.DeltaSinkProvider}), batch reads ({@link
 * io.tideline.internal.delta.DeltaBatchReadProvider}) and batch writes ({@link
 * io.tideline.internal.delta.DeltaBatchWriteProvider}), found by {@link java.util.ServiceLoader}
 * under the format name {@code delta}.
 *
 * <p>Writes go through {@link io.tideline.internal.delta.DeltaWriter} (one commit per write, with
 * Delta's transaction id for idempotency); Parquet files are written and read by tideline-core's
 * own columnar Parquet code, Kernel keeps the log. Calls into Kernel's internal classes live only
 * in {@link io.tideline.internal.delta.KernelInternals}.
 */
package io.tideline.internal.delta;
