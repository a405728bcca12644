package io.masthead.command;

/**
 * Who asks for a change: a member of staff with their role, or the program itself (the
 * scheduler, the demo generator, an importer), which may do anything. Every command takes one,
 * checks it, and records it in the audit log.
 *
 * @param staffId the member of staff, or null for the program
 * @param email the member's sign-in address, for messages ("" for the program)
 */
public record Actor(Long staffId, String email, Role role) {
  /** The program itself: the scheduler, the generator, the command line. */
  public static final Actor PROGRAM = new Actor(null, "", Role.ADMIN);

  public Actor {
    if (role == null) throw new IllegalArgumentException("an actor has a role");
    email = email == null ? "" : email;
  }

  public boolean may(Role needed) {
    return role.atLeast(needed);
  }

  public boolean isProgram() {
    return staffId == null;
  }

  /** Refuses, with a message for the person, unless the actor has at least {@code needed}. */
  public void require(Role needed) {
    if (!may(needed)) throw new Refusal.Forbidden(describe() + " is not " + needed.code());
  }

  public String describe() {
    return isProgram() ? "Masthead" : email;
  }
}
