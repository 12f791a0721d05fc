/**
 * The {@code tideline} command line: {@code optimize}, {@code history}, {@code describe} and {@code
 * show} of Delta tables given by path or by catalog name, built with picocli on the public {@link
 * io.tideline.delta.DeltaTable} handle. {@link io.tideline.cli.TidelineCli} is the entry point.
 */
package io.tideline.cli;
