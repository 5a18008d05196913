/*
 * admin.c - the administration commands of baotrid; see admin.h.
 */
#include "daemon/admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "common/xmalloc.h"
#include "daemon/account.h"

int
admin_is_command(const char *w)
{
	return strcmp(w, "user") == 0 || strcmp(w, "token") == 0 ||
	    strcmp(w, "audit") == 0;
}

static void
actor_name(char *out, size_t len)
{
	const char	*u = getenv("SUDO_USER");

	if (u == NULL)
		u = getenv("USER");
	snprintf(out, len, "cli:%s", u != NULL ? u : "unknown");
}

/* Reads a password line from stdin, without echo on a terminal. */
static char *
read_password(void)
{
	struct termios	 old, noecho;
	bool		 tty = isatty(STDIN_FILENO);
	char		*line = xcalloc(1, ACCT_PASSWORD_MAX + 2);
	size_t		 len;

	if (tty) {
		fprintf(stderr, "password: ");
		tcgetattr(STDIN_FILENO, &old);
		noecho = old;
		noecho.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &noecho);
	}
	if (fgets(line, ACCT_PASSWORD_MAX + 2, stdin) == NULL)
		line[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	len = strlen(line);
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	return line;
}

static int
usage(void)
{
	fprintf(stderr, "usage: baotrid --data-dir DIR user add NAME --role "
	    "admin|approver|editor|viewer\n"
	    "       baotrid --data-dir DIR user disable NAME\n"
	    "       baotrid --data-dir DIR user list\n"
	    "       baotrid --data-dir DIR token create NAME [--label LABEL]\n"
	    "       baotrid --data-dir DIR audit verify\n");
	return 2;
}

static int
user_add(struct store *s, int argc, char *argv[], const char *actor)
{
	enum acct_role	 role;
	struct cal_err	 err;
	char		*pw;
	enum store_rc	 rc;

	if (argc != 5 || strcmp(argv[3], "--role") != 0)
		return usage();
	if (acct_role_parse(argv[4], &role) == -1) {
		fprintf(stderr, "baotrid: role must be admin, approver, editor "
		    "or viewer\n");
		return 2;
	}
	pw = read_password();
	rc = acct_user_add(s, argv[2], role, pw, actor, NULL, time(NULL),
	    &err);
	xfree_secret(pw, ACCT_PASSWORD_MAX + 2);
	if (rc != STORE_OK) {
		fprintf(stderr, "baotrid: user add: %s\n", err.msg);
		return 1;
	}
	fprintf(stderr, "baotrid: user '%s' added as %s\n", argv[2],
	    acct_role_name(role));
	return 0;
}

static int
user_list(struct store *s)
{
	struct store_user	*u;
	size_t			 n, i;

	if (store_users_list(s, &u, &n) == -1)
		return 1;
	for (i = 0; i < n; i++)
		printf("%-24s %-9s %s\n", u[i].name, u[i].role,
		    u[i].disabled_at ? "disabled" : "active");
	store_users_free(u, n);
	return 0;
}

int
admin_run(struct store *s, int argc, char *argv[])
{
	char		 actor[96], *token;
	struct cal_err	 err;
	enum store_rc	 rc;
	int64_t		 rows, bad;

	actor_name(actor, sizeof(actor));
	if (argc >= 2 && strcmp(argv[0], "user") == 0) {
		if (strcmp(argv[1], "add") == 0 && argc >= 3)
			return user_add(s, argc, argv, actor);
		if (strcmp(argv[1], "list") == 0 && argc == 2)
			return user_list(s);
		if (strcmp(argv[1], "disable") == 0 && argc == 3) {
			rc = acct_user_disable(s, argv[2], actor, NULL,
			    time(NULL));
			if (rc == STORE_NOT_FOUND)
				fprintf(stderr, "baotrid: no user '%s'\n",
				    argv[2]);
			else if (rc == STORE_OK)
				fprintf(stderr, "baotrid: user '%s' disabled; "
				    "its sessions and tokens are revoked\n",
				    argv[2]);
			return rc == STORE_OK ? 0 : 1;
		}
	}
	if (argc >= 3 && strcmp(argv[0], "token") == 0 &&
	    strcmp(argv[1], "create") == 0) {
		const char	*label = "cli";

		if (argc == 5 && strcmp(argv[3], "--label") == 0)
			label = argv[4];
		else if (argc != 3)
			return usage();
		token = acct_token_create(s, argv[2], label, actor, time(NULL),
		    &err);
		if (token == NULL) {
			fprintf(stderr, "baotrid: token create: %s\n", err.msg);
			return 1;
		}
		printf("%s\n", token);
		xfree_secret(token, strlen(token));
		return 0;
	}
	if (argc == 2 && strcmp(argv[0], "audit") == 0 &&
	    strcmp(argv[1], "verify") == 0) {
		switch (store_audit_verify(s, &rows, &bad)) {
		case 0:
			printf("audit: %lld rows, chain intact\n",
			    (long long)rows);
			return 0;
		case 1:
			printf("audit: chain BROKEN at row %lld (%lld rows "
			    "before it intact)\n", (long long)bad,
			    (long long)rows);
			return 1;
		default:
			return 1;
		}
	}
	return usage();
}
