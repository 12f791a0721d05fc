package io.tideline.internal.delta;

import java.util.Map;

/**
 * One data file an {@code add} action of the log brings into the table, as the streaming source
 * needs it.
 *
 * @param path the action's path: a URI, relative to the table's folder unless absolute
 * @param partitionValues the file's partition values as the log serialises them
 * @param size the file's size in bytes
 * @param modificationTime the file's modification time in epoch milliseconds
 */
record AddedFile(
    String path, Map<String, String> partitionValues, long size, long modificationTime) {}
