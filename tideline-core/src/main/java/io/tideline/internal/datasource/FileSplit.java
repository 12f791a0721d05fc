package io.tideline.internal.datasource;

import java.nio.file.Path;

/**
 * A byte range {@code [start, start + length)} of one file, the unit of parallel reading. For
 * line-based formats a reader owns every line that starts in its range (the line crossing the end
 * is read to its end; the partial line at the start belongs to the previous split), as Spark's
 * {@code HadoopFileLinesReader} does. Non-splittable formats get one split per file.
 */
public record FileSplit(Path path, long start, long length, long fileLength) {}
