package io.masthead.command;

/**
 * Told how far a long job has got (the demo generator, a reindex): the command line draws a
 * progress bar from it. Called from the job's threads; an implementation that draws must
 * synchronise itself.
 */
@FunctionalInterface
public interface Progress {
  void update(long done, long total);
}
