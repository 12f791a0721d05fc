/**
 * Streaming differential tests: the same Structured Streaming query runs in Tideline and in Apache
 * Spark 4.2 over file-source folders into which files arrive in steps, and both engines must
 * deliver the same batches.
 *
 * <p>Flow: {@link io.tideline.conformance.streaming.StreamCorpus} writes the staged input files and
 * describes each {@link io.tideline.conformance.streaming.StreamCase}; {@link
 * io.tideline.conformance.streaming.StreamingDifferentialTest} puts every case into one spec for
 * the Spark peer ({@code SparkPeer stream-oracle}, one child JVM) and then runs each case in
 * Tideline through {@link io.tideline.conformance.streaming.TidelineStreamRun}, whose {@link
 * io.tideline.conformance.streaming.RecordingSink} records every batch by id; {@link
 * io.tideline.conformance.streaming.StreamDiff} compares the two runs batch by batch (ids, schema,
 * rows, failures) and their progress (input rows, offsets, JSON field names and types).
 */
package io.tideline.conformance.streaming;
