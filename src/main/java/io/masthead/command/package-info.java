/**
 * What every command shares: the {@link io.masthead.command.Actor} who asks, their
 * {@link io.masthead.command.Role}, and the {@link io.masthead.command.Refusal}s a command answers
 * with when it writes nothing. Each feature owns its writes as commands in its own package
 * ({@code article.ArticleDesk}, {@code section.SectionDesk} …); this package holds only what they
 * have in common, and depends on nothing else of Masthead.
 */
package io.masthead.command;
