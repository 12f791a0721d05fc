/**
 * The public Java handle on Delta tables, shaped as delta-spark's {@code io.delta.tables}: {@link
 * io.tideline.delta.DeltaTable} ({@code forPath}, {@code forName}, {@code history}, {@code detail},
 * {@code optimize}) and {@link io.tideline.delta.DeltaOptimizeBuilder}. The work is done in {@code
 * io.tideline.internal.delta}.
 */
package io.tideline.delta;
