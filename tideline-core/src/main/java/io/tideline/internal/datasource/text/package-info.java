/**
 * Spark's {@code text} file format, plus what the line-based formats share: the split-aware {@link
 * io.tideline.internal.datasource.text.LineReader}, case-insensitive {@link
 * io.tideline.internal.datasource.text.SourceOptions}, the writers' {@link
 * io.tideline.internal.datasource.text.Compression}, and {@link
 * io.tideline.internal.datasource.text.FileErrors}, the error factory of the csv, text and parquet
 * formats.
 */
package io.tideline.internal.datasource.text;
