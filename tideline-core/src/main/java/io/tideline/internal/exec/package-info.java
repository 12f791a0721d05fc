/**
 * Batch execution: physical planning and the operators that run a resolved {@code LogicalPlan} over
 * columnar batches, in parallel, on one machine.
 *
 * <h2>How a query runs</h2>
 *
 * <ol>
 *   <li>{@link io.tideline.internal.exec.QueryExecution} asks {@link
 *       io.tideline.internal.exec.PhysicalPlanner} for a tree of {@link
 *       io.tideline.internal.exec.ExecNode}s. The planner prunes columns top-down (scans read only
 *       what the plan needs), splits aggregations into partial and final halves around a hash
 *       exchange, range-partitions global sorts (sorted partitions read in order), runs limits over
 *       a single-partition exchange after a per-partition limit (or top-n), and picks a join
 *       strategy (broadcast hash, shuffled hash, nested loop) from size estimates.
 *   <li>The tree is cut into stages at {@link io.tideline.internal.exec.ExchangeExec}s. From the
 *       calling thread, each exchange is materialised bottom-up: its child's partitions run as
 *       tasks on the pool ({@link io.tideline.internal.exec.StageScheduler}) and their rows are
 *       copied into per-target batches in memory.
 *   <li>The last stage's tasks run, one per output partition, and hand their batches to {@code
 *       collect}, {@code count} or a writer's {@link io.tideline.internal.exec.PartitionTask}.
 * </ol>
 *
 * <h2>Streaming aggregation</h2>
 *
 * A {@code StatefulAggregate} (one micro-batch of a streaming aggregation) plans as a partial
 * {@link io.tideline.internal.exec.HashAggregateExec}, a hash exchange into the operator's pinned
 * number of state partitions, and a {@code StateStoreAggregateExec} per partition that restores
 * each key's buffers from state version {@code batchId}, merges the batch into them column-wise,
 * saves version {@code batchId + 1} and emits the changed keys (update) or every key (complete).
 *
 * <h2>Streaming deduplication</h2>
 *
 * A {@code StatefulDeduplicate} (one micro-batch of {@code dropDuplicates} or {@code
 * dropDuplicatesWithinWatermark} on a stream) plans as a hash exchange on the keys into the
 * operator's pinned number of state partitions and a {@code StreamingDeduplicateExec} per partition
 * that narrows each batch's selection to its on-time rows whose key state version {@code batchId}
 * lacks, stores those keys, evicts the expired ones and saves version {@code batchId + 1}.
 *
 * <h2>Stream-stream joins</h2>
 *
 * A {@code StatefulJoin} (one micro-batch of a join between two streams) plans as a hash exchange
 * of each side on its join keys into the operator's pinned number of state partitions and a {@code
 * StreamingSymmetricHashJoinExec} per partition that matches each side's new rows against the rows
 * the other side buffered ({@code JoinSideState}: Spark's keyToNumValues and keyWithIndexToValue
 * stores per side), buffers them, evicts what the watermark makes unmatchable (null-padding the
 * unmatched rows of an outer side) and saves version {@code batchId + 1}.
 *
 * <h2>Event-time windows</h2>
 *
 * {@link io.tideline.internal.exec.TimeWindowExec} computes window starts with long arithmetic over
 * the timestamp vector: a tumbling window only adds a struct column and narrows the selection, a
 * sliding one gathers each row once per window containing it. {@link
 * io.tideline.internal.exec.SessionWindowExec} gives each row its own session; {@link
 * io.tideline.internal.exec.UpdatingSessionsExec}, below a hash exchange on the other grouping
 * keys, sorts a partition's row indexes by keys and start and replaces each session by its key's
 * merged session ({@link io.tideline.internal.exec.SessionMerger}, shared with streaming), before
 * an ordinary hash aggregation. On a stream, {@link
 * io.tideline.internal.exec.SessionWindowStateExec} does the merge per state partition, with the
 * sessions kept from earlier batches.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>Columnar all the way: operators pass {@code Batch}es; a filter narrows the selection
 *       vector, a project evaluates only selected rows, a limit cuts by selection. Rows are copied
 *       only where they must outlive the producer's next batch: exchanges, sort, join build sides,
 *       aggregation keys and collect.
 *   <li>Tasks never wait for other tasks: every exchange under a stage is complete before the stage
 *       starts, so a pool of any size cannot deadlock.
 *   <li>Order: an exchange reads map outputs in map-partition order, so a single-partition exchange
 *       keeps its input's order, and {@code collect} concatenates partitions in order.
 *   <li>Failure: the first failing task cancels its stage and its exception reaches the caller
 *       unchanged when it is one of Tideline's (an ANSI error keeps its condition).
 * </ul>
 *
 * <h2>Why not X</h2>
 *
 * <ul>
 *   <li>Sort-merge joins and spilling: one process with data in memory is the target; hash joins
 *       and hash aggregation are faster there. Spilling is left for when state outgrows memory.
 *   <li>Murmur3 partitioning as Spark's: rows never leave the process, so any hash consistent on
 *       both sides of a join will do; HyperLogLog++ does use Spark's xxHash64, because its
 *       estimates are user-visible.
 *   <li>Whole-stage code generation: kernels are compiled per expression and type by {@code
 *       ExprCompiler}; operators loop over primitive arrays.
 * </ul>
 */
package io.tideline.internal.exec;
