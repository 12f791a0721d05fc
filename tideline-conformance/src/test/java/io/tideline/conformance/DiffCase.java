package io.tideline.conformance;

import java.util.Optional;

/**
 * One differential case: a pipeline both engines run, with ANSI mode pinned for this case when
 * {@code ansi} is present (else the session default, on).
 */
record DiffCase(String id, Pipeline pipeline, Optional<Boolean> ansi) {}
