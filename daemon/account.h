/*
 * account.h - users, roles, passwords, sessions and API tokens.
 *
 * Roles (DESIGN.md §2): viewer reads; editor plans drafts and edits units,
 * components and the calendar; approver approves and cancels; admin does
 * everything, and alone manages users and reads the audit log.
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str); session
 * and API tokens are 32 random bytes handed out once and stored as SHA-256.
 * Every change writes its audit row in the same transaction.
 */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar/date.h"
#include "daemon/store.h"

#define ACCT_NAME_MAX		64
#define ACCT_PASSWORD_MIN	10
#define ACCT_PASSWORD_MAX	1024
#define ACCT_SESSION_TTL	(12 * 3600)	/* seconds */

enum acct_role {
	ACCT_ROLE_VIEWER = 0,
	ACCT_ROLE_EDITOR,
	ACCT_ROLE_APPROVER,
	ACCT_ROLE_ADMIN
};

enum acct_cap {
	ACCT_CAP_READ = 0,	/* every role */
	ACCT_CAP_EDIT,		/* editor, admin */
	ACCT_CAP_APPROVE,	/* approver, admin */
	ACCT_CAP_OPERATE,	/* editor, approver, admin: complete */
	ACCT_CAP_ADMIN		/* admin */
};

/* Who is asking: filled by the token or session checks. */
struct acct_principal {
	int64_t		user_id;
	char		name[ACCT_NAME_MAX + 1];
	enum acct_role	role;
	int64_t		session_id;	/* 0 for a bearer token */
	char		csrf[65];	/* the session's CSRF token */
};

/* Initialises libsodium; -1 if it cannot. */
int	acct_init(void);
const char *acct_role_name(enum acct_role);
int	acct_role_parse(const char *, enum acct_role *out);
bool	acct_can(const struct acct_principal *, enum acct_cap);

/*
 * Adds a user (name: 1-64 of A-Z a-z 0-9 . _ @ -; password 10-1024 bytes).
 * STORE_CONFLICT if the name exists; STORE_ERROR with err on bad input.
 */
enum store_rc acct_user_add(struct store *, const char *name,
	    enum acct_role, const char *password, const char *actor,
	    const char *address, int64_t now, struct cal_err *err);
/* Disables a user: sessions end and tokens are revoked at once. */
enum store_rc acct_user_disable(struct store *, const char *name,
	    const char *actor, const char *address, int64_t now);
/* Creates an API token for a user; returns it (caller frees) or NULL. */
char	*acct_token_create(struct store *, const char *user,
	    const char *token_name, const char *actor, int64_t now,
	    struct cal_err *err);
/* STORE_OK and *p for a valid token of an active user, else NOT_FOUND. */
enum store_rc acct_token_check(struct store *, const char *token,
	    struct acct_principal *p);
/*
 * Checks a password and opens a session: STORE_OK with the cookie value in
 * *token (caller frees) and *p; STORE_NOT_FOUND for a wrong name or
 * password or a disabled user (the caller cannot tell which).
 */
enum store_rc acct_login(struct store *, const char *name,
	    const char *password, int64_t now, char **token,
	    struct acct_principal *p);
enum store_rc acct_session_check(struct store *, const char *token,
	    int64_t now, struct acct_principal *p);
int	acct_logout(struct store *, const struct acct_principal *);
/* A new random secret: prefix and base64url of 32 bytes (caller frees). */
char	*acct_new_secret(const char *prefix);
/* Hex SHA-256 of a secret, as stored. */
void	acct_secret_hash(const char *secret, char out[65]);
/* Constant-time string comparison of two NUL-terminated secrets. */
bool	acct_secret_equal(const char *a, const char *b);

#endif
