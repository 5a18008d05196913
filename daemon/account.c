/*
 * account.c - users, roles and credentials; see account.h.
 */
#include "daemon/account.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"

static const char	*role_names[] = { "viewer", "editor", "approver",
    "admin" };

/*
 * A hash of a random password, verified against when the user does not
 * exist, so that a login takes as long whether the name exists or not.
 * Set once by acct_init() before any thread starts, read-only after.
 */
static char		 dummy_hash[crypto_pwhash_STRBYTES];

int
acct_init(void)
{
	unsigned char	pw[16];

	if (sodium_init() < 0)
		return -1;
	randombytes_buf(pw, sizeof(pw));
	if (crypto_pwhash_str(dummy_hash, (const char *)pw, sizeof(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return -1;
	return 0;
}

const char *
acct_role_name(enum acct_role r)
{
	return (size_t)r < 4 ? role_names[r] : "unknown";
}

int
acct_role_parse(const char *s, enum acct_role *out)
{
	int	i;

	for (i = 0; i < 4; i++)
		if (s != NULL && strcmp(s, role_names[i]) == 0) {
			*out = (enum acct_role)i;
			return 0;
		}
	return -1;
}

bool
acct_can(const struct acct_principal *p, enum acct_cap cap)
{
	switch (cap) {
	case ACCT_CAP_READ:
		return true;
	case ACCT_CAP_EDIT:
		return p->role == ACCT_ROLE_EDITOR || p->role == ACCT_ROLE_ADMIN;
	case ACCT_CAP_APPROVE:
		return p->role == ACCT_ROLE_APPROVER ||
		    p->role == ACCT_ROLE_ADMIN;
	case ACCT_CAP_OPERATE:
		return p->role != ACCT_ROLE_VIEWER;
	case ACCT_CAP_ADMIN:
		return p->role == ACCT_ROLE_ADMIN;
	}
	return false;
}

void
acct_secret_hash(const char *secret, char out[65])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)secret, strlen(secret));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

bool
acct_secret_equal(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b);

	return la == lb && sodium_memcmp(a, b, la) == 0;
}

/* A new random secret: prefix + base64url of 32 bytes. */
char *
acct_new_secret(const char *prefix)
{
	unsigned char	raw[32];
	char		b64[64];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(b64, sizeof(b64), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	return xasprintf("%s%s", prefix, b64);
}

static bool
name_ok(const char *n)
{
	size_t	i, len = strlen(n);

	if (len < 1 || len > ACCT_NAME_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (!((n[i] >= 'a' && n[i] <= 'z') ||
		    (n[i] >= 'A' && n[i] <= 'Z') ||
		    (n[i] >= '0' && n[i] <= '9') || strchr("._@-", n[i])))
			return false;
	return true;
}

static void
principal_from(struct acct_principal *p, const struct store_user *u)
{
	memset(p, 0, sizeof(*p));
	p->user_id = u->id;
	snprintf(p->name, sizeof(p->name), "%s", u->name);
	if (acct_role_parse(u->role, &p->role) == -1)
		p->role = ACCT_ROLE_VIEWER;
}

static int
audit(struct store *s, const char *actor, const char *action,
    const char *object, const char *after, const char *address, int64_t now)
{
	struct store_audit	a = { now, actor, action, object, NULL, after,
	    address };

	return store_audit_append(s, &a);
}

enum store_rc
acct_user_add(struct store *s, const char *name, enum acct_role role,
    const char *password, const char *actor, const char *address,
    int64_t now, struct cal_err *err)
{
	char		 hash[crypto_pwhash_STRBYTES], object[96], *after;
	size_t		 plen = password != NULL ? strlen(password) : 0;
	enum store_rc	 rc;
	int64_t		 id;

	if (name == NULL || !name_ok(name)) {
		cal_err_set(err, "name must be 1-%d letters, digits or . _ @ -",
		    ACCT_NAME_MAX);
		return STORE_ERROR;
	}
	if (plen < ACCT_PASSWORD_MIN || plen > ACCT_PASSWORD_MAX) {
		cal_err_set(err, "password must be %d-%d bytes",
		    ACCT_PASSWORD_MIN, ACCT_PASSWORD_MAX);
		return STORE_ERROR;
	}
	if (crypto_pwhash_str(hash, password, plen,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		cal_err_set(err, "cannot hash the password (out of memory)");
		return STORE_ERROR;
	}
	if (store_begin(s) == -1)
		return STORE_ERROR;
	rc = store_user_insert(s, name, acct_role_name(role), hash, now, &id);
	sodium_memzero(hash, sizeof(hash));
	if (rc != STORE_OK) {
		store_rollback(s);
		if (rc == STORE_CONFLICT)
			cal_err_set(err, "user '%s' exists", name);
		return rc;
	}
	snprintf(object, sizeof(object), "user:%s", name);
	after = xasprintf("{\"name\":\"%s\",\"role\":\"%s\"}", name,
	    acct_role_name(role));
	if (audit(s, actor, "user.add", object, after, address, now) == -1) {
		free(after);
		store_rollback(s);
		return STORE_ERROR;
	}
	free(after);
	return store_commit(s) == 0 ? STORE_OK : STORE_ERROR;
}

enum store_rc
acct_user_disable(struct store *s, const char *name, const char *actor,
    const char *address, int64_t now)
{
	struct store_user	u;
	enum store_rc		rc;
	char			object[96];

	if (store_begin(s) == -1)
		return STORE_ERROR;
	if ((rc = store_user_get(s, name, &u)) != STORE_OK) {
		store_rollback(s);
		return rc;
	}
	snprintf(object, sizeof(object), "user:%s", name);
	if (store_user_disable(s, u.id, now) != STORE_OK ||
	    audit(s, actor, "user.disable", object, "{\"disabled\":true}",
	    address, now) == -1) {
		store_user_release(&u);
		store_rollback(s);
		return STORE_ERROR;
	}
	store_user_release(&u);
	return store_commit(s) == 0 ? STORE_OK : STORE_ERROR;
}

char *
acct_token_create(struct store *s, const char *user, const char *token_name,
    const char *actor, int64_t now, struct cal_err *err)
{
	struct store_user	 u;
	char			*token, hash[65], object[96];

	if (token_name == NULL || !name_ok(token_name)) {
		cal_err_set(err, "token name must be 1-%d letters, digits or "
		    ". _ @ -", ACCT_NAME_MAX);
		return NULL;
	}
	if (store_begin(s) == -1)
		return NULL;
	if (store_user_get(s, user, &u) != STORE_OK || u.disabled_at != 0) {
		store_user_release(&u);
		store_rollback(s);
		cal_err_set(err, "no active user '%s'", user);
		return NULL;
	}
	token = acct_new_secret("bt_");
	acct_secret_hash(token, hash);
	snprintf(object, sizeof(object), "user:%s", user);
	if (store_token_insert(s, u.id, token_name, hash, now) != STORE_OK ||
	    audit(s, actor, "token.create", object, NULL, NULL, now) == -1) {
		store_user_release(&u);
		store_rollback(s);
		xfree_secret(token, strlen(token));
		cal_err_set(err, "the store refused the token");
		return NULL;
	}
	store_user_release(&u);
	if (store_commit(s) == -1) {
		xfree_secret(token, strlen(token));
		cal_err_set(err, "the store refused the token");
		return NULL;
	}
	return token;
}

enum store_rc
acct_token_check(struct store *s, const char *token, struct acct_principal *p)
{
	struct store_user	u;
	char			hash[65];
	enum store_rc		rc;

	if (token == NULL || strncmp(token, "bt_", 3) != 0 ||
	    strlen(token) > 128)
		return STORE_NOT_FOUND;
	acct_secret_hash(token, hash);
	if ((rc = store_token_lookup(s, hash, &u)) == STORE_OK)
		principal_from(p, &u);
	store_user_release(&u);
	return rc;
}

enum store_rc
acct_login(struct store *s, const char *name, const char *password,
    int64_t now, char **token, struct acct_principal *p)
{
	struct store_user	 u;
	char			 hash[65], *csrf;
	enum store_rc		 rc;

	*token = NULL;
	if (name == NULL || password == NULL || !name_ok(name) ||
	    strlen(password) > ACCT_PASSWORD_MAX)
		return STORE_NOT_FOUND;
	if ((rc = store_user_get(s, name, &u)) != STORE_OK) {
		if (rc == STORE_NOT_FOUND && dummy_hash[0] != '\0' &&
		    crypto_pwhash_str_verify(dummy_hash, password,
		    strlen(password)) == 0)
			rc = STORE_NOT_FOUND;	/* a random password: never */
		return rc;
	}
	if (u.disabled_at != 0 || u.password_hash == NULL ||
	    crypto_pwhash_str_verify(u.password_hash, password,
	    strlen(password)) != 0) {
		store_user_release(&u);
		return STORE_NOT_FOUND;
	}
	*token = acct_new_secret("bs_");
	csrf = acct_new_secret("");
	acct_secret_hash(*token, hash);
	rc = store_session_insert(s, u.id, hash, csrf, now,
	    now + ACCT_SESSION_TTL);
	principal_from(p, &u);
	snprintf(p->csrf, sizeof(p->csrf), "%s", csrf);
	free(csrf);
	store_user_release(&u);
	if (rc != STORE_OK) {
		xfree_secret(*token, strlen(*token));
		*token = NULL;
		return rc;
	}
	/* The new session's id, for logout. */
	return acct_session_check(s, *token, now, p);
}

enum store_rc
acct_session_check(struct store *s, const char *token, int64_t now,
    struct acct_principal *p)
{
	struct store_user	 u;
	char			 hash[65], *csrf = NULL;
	int64_t			 sid = 0;
	enum store_rc		 rc;

	if (token == NULL || strncmp(token, "bs_", 3) != 0 ||
	    strlen(token) > 128)
		return STORE_NOT_FOUND;
	acct_secret_hash(token, hash);
	rc = store_session_lookup(s, hash, now, &u, &sid, &csrf);
	if (rc == STORE_OK) {
		principal_from(p, &u);
		p->session_id = sid;
		snprintf(p->csrf, sizeof(p->csrf), "%s", csrf);
	}
	free(csrf);
	store_user_release(&u);
	return rc;
}

int
acct_logout(struct store *s, const struct acct_principal *p)
{
	return p->session_id != 0 ? store_session_delete(s, p->session_id) : 0;
}
