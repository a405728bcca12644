/** The audit log: who did what in the newsroom, written in the same transaction as the act. */
package io.masthead.audit;
