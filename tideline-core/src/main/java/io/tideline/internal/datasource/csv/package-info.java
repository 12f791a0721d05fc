/**
 * Spark's {@code csv} file format: {@link io.tideline.internal.datasource.csv.CsvFileFormat} reads
 * splits record by record ({@code multiLine} records span lines inside quotes) with a byte-level
 * tokenizer straight into column vectors, infers schemas by Spark's rules, and writes CSV as
 * Spark's univocity writer does.
 */
package io.tideline.internal.datasource.csv;
