/**
 * Spark's {@code parquet} file format on parquet-mr's low-level column API: the footer gives the
 * schema, a split reads the row groups whose midpoint it holds, only the requested leaf columns are
 * decoded, and a leaf's values are assembled into struct, array and map vectors from their
 * repetition and definition levels. The writers lay files out as Spark does (Snappy by default,
 * INT64 microsecond timestamps, decimals by precision, 3-level lists): {@link
 * io.tideline.internal.datasource.parquet.ColumnarParquetWriter} feeds parquet-mr's column writers
 * a vector at a time for schemas of top-level primitives, {@link
 * io.tideline.internal.datasource.parquet.ParquetBatchWriter} walks nested rows through its record
 * consumer.
 */
package io.tideline.internal.datasource.parquet;
