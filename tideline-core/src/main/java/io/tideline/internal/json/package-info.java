/**
 * JSON: decoding JSON text straight into column vectors ({@code from_json} through {@link
 * io.tideline.internal.json.JsonRowDecoder}, the JSON Lines reader of {@link
 * io.tideline.internal.json.JsonFileFormat}), encoding ({@code to_json} through {@link
 * io.tideline.internal.json.JsonRowEncoder}, the JSON Lines writer), {@code get_json_object}
 * ({@link io.tideline.internal.json.JsonPath}) and schema inference.
 *
 * <p>Design. Spark's {@code JacksonParser} builds a boxed row per record and converts it to an
 * {@code UnsafeRow}; here a tree of {@code ValueReader}s, built once per schema, pulls tokens from
 * Jackson's streaming parser over the input bytes and writes each value into its vector slot:
 * numbers from the parser's own buffers (the fast double parser on), strings encoded from Jackson's
 * char buffer straight into the {@code BytesVector}'s byte array, ISO timestamps and dates parsed
 * without allocation, fields matched by identity against interned names in schema order, fields not
 * in the schema skipped unparsed. The file reader hands each line to the decoder in place in its
 * read buffer, and reuses its vectors from batch to batch.
 *
 * <p>Fast path. Before Jackson, {@code FastRecordScanner} tries each record of a flat schema
 * (STRING, BIGINT, INT, DOUBLE, BOOLEAN, TIMESTAMP, DATE) with a hand-written byte scan: keys
 * compared as bytes, needed values parsed straight into their vectors, other values skipped by a
 * validating scan; in the JSON Lines reader it also finds the line's end, so a plain line is read
 * once. It declines anything unusual (escapes, non-ASCII, lenient syntax, nested values for needed
 * fields, duplicate keys, type mismatches, malformed records) without writing, and Jackson decodes
 * that record as before, so results are the same bit for bit in every mode.
 *
 * <p>Semantics are Spark 4's, with partial results on: a wrong-typed value nulls itself only and
 * marks the record malformed; invalid JSON nulls the whole record; the mode decides what a
 * malformed record means (PERMISSIVE keeps it, with its raw text in the corrupt-record column;
 * DROPMALFORMED drops it in the reader; FAILFAST fails with {@code MALFORMED_RECORD_IN_PARSING},
 * which a file read wraps, as Spark does, in {@code FAILED_READ_FILE.NO_HINT} naming the file).
 *
 * <p>Not supported: encodings other than UTF-8, compression, interval types; each is refused with
 * an error naming the option or type.
 */
package io.tideline.internal.json;
