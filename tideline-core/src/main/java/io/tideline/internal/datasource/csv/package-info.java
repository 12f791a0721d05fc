/**
 * Spark's {@code csv} file format: {@link io.tideline.internal.datasource.csv.CsvFileFormat} reads
 * splits line by line with a byte-level tokenizer straight into column vectors, infers schemas by
 * Spark's rules, and writes CSV as Spark's univocity writer does. {@code multiLine=true} is
 * refused.
 */
package io.tideline.internal.datasource.csv;
