/**
 * The streaming test kit: what every module's streaming tests share.
 *
 * <h2>Parts</h2>
 *
 * <ul>
 *   <li>{@link io.tideline.testkit.stream.StreamScript}: a streaming test as a script of actions
 *       (add data, process, check the sink, stop, restart from the checkpoint, advance a manual
 *       clock, crash at a loop point, expect a failure), in the manner of Spark's {@code
 *       StreamTest}. {@code ScriptRunner} performs it, {@code ScriptReport} describes a failure.
 *   <li>{@link io.tideline.testkit.stream.RecordingSink}: the scripts' default sink, which keeps
 *       every batch by id across restarts and counts re-delivered batches.
 *   <li>{@link io.tideline.testkit.stream.CrashInjector}: loop hooks that crash a query once at an
 *       armed {@code LoopPoint} and record the points reached.
 *   <li>{@link io.tideline.testkit.stream.DeliveryHistory}: what crash tests assert of a sink's
 *       output against the input: nothing lost or duplicated, per-key order kept.
 *   <li>{@link io.tideline.testkit.stream.SourceContractSuite} and {@link
 *       io.tideline.testkit.stream.SinkContractSuite}: abstract JUnit classes every source and sink
 *       implementation extends.
 * </ul>
 *
 * <h2>How a script runs</h2>
 *
 * <ol>
 *   <li>The script starts the query (unless its first action is a start) with the script's
 *       checkpoint folder, its sink, its {@code CrashInjector} as loop hooks, and its clock.
 *   <li>Each action runs on the test thread; before each one the runner checks that the query has
 *       not failed unless that action expects a failure.
 *   <li>Checks wait until the query is done with what is available (system clock) or idle on the
 *       manual clock, then compare the sink with the expected rows as a multiset.
 *   <li>On the first failing action the runner throws an {@code AssertionError} with the report,
 *       and in every case stops the query.
 * </ol>
 */
package io.tideline.testkit.stream;
