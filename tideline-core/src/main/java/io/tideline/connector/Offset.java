package io.tideline.connector;

/**
 * A position in a source's stream, as the source defines it. The micro-batch loop never looks
 * inside: it writes {@link #json()} to {@code offsets/N} and hands the source back what {@link
 * Source#deserializeOffset} makes of it on restart. Two offsets are equal when their JSON is.
 */
public interface Offset {

  /** The offset as JSON, stable across versions of the source: it lives in checkpoints. */
  String json();
}
