/*
 * admin.h - administration on the data directory without the daemon
 * (DESIGN.md §4):
 *
 *   baotrid --data-dir DIR user add NAME --role admin|approver|editor|viewer
 *                                                  (password read from stdin)
 *   baotrid --data-dir DIR user disable NAME
 *   baotrid --data-dir DIR user list
 *   baotrid --data-dir DIR token create NAME [--label LABEL]
 *                                             (prints the token on stdout)
 *   baotrid --data-dir DIR audit verify
 *
 * Each is audited with the actor "cli:<login name>".
 */
#ifndef ADMIN_H
#define ADMIN_H

#include "daemon/store.h"

/* True when argv[0] is an admin command word. */
int	admin_is_command(const char *word);
/* Runs the command in argv; returns the process exit status. */
int	admin_run(struct store *, int argc, char *argv[]);

#endif
