/*
 * cfg.c - settings from defaults, an INI file and flags; see cfg.h.
 */
#include "daemon/cfg.h"

#include <arpa/inet.h>
#include <ini.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/rule.h"
#include "calendar/zone.h"
#include "common/log.h"
#include "common/num.h"
#include "common/xmalloc.h"

#ifndef BAOTRI_SHARE_DIR
#define BAOTRI_SHARE_DIR "/usr/local/share/baotri"
#endif

#define VALUE_MAX	1024

void
cfg_init(struct cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->listen = xstrdup("127.0.0.1:8080");
	c->threads = 2;
	c->public_url = xstrdup("http://127.0.0.1:8080");
	c->data_dir = xstrdup("/var/lib/baotri");
	c->share_dir = xstrdup(BAOTRI_SHARE_DIR);
	c->working_days = 5;
	c->count_swapped = true;
	c->four_eyes = true;
	c->auto_complete = true;
	c->timezone = xstrdup(CAL_ZONE_DEFAULT);
	c->mail_from = xstrdup("baotri <noreply@localhost.localdomain>");
	c->mail_tls = xstrdup("starttls");
	c->mail_workers = 4;
	c->mail_retry_hours = 48;
	c->reminder_days = 1;
	c->reminder_minute = 9 * 60;
}

void
cfg_release(struct cfg *c)
{
	free(c->listen);
	free(c->public_url);
	free(c->data_dir);
	free(c->share_dir);
	free(c->timezone);
	free(c->mail_from);
	free(c->mail_relay);
	free(c->mail_tls);
	free(c->mail_user);
	free(c->mail_password_file);
	free(c->mail_ca_file);
	free(c->mail_admin_alerts);
	memset(c, 0, sizeof(*c));
}

static void
replace(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* "1.2.3.4:80" or "[::1]:80" with a port in 1-65535. */
static bool
listen_ok(const char *v)
{
	char		 host[64];
	const char	*port;
	unsigned char	 addr[16];
	int64_t		 p;
	size_t		 n;

	if (v[0] == '[') {
		if ((port = strstr(v, "]:")) == NULL ||
		    (n = (size_t)(port - v - 1)) >= sizeof(host))
			return false;
		memcpy(host, v + 1, n);
		host[n] = '\0';
		port += 2;
		if (inet_pton(AF_INET6, host, addr) != 1)
			return false;
	} else {
		if ((port = strrchr(v, ':')) == NULL ||
		    (n = (size_t)(port - v)) >= sizeof(host))
			return false;
		memcpy(host, v, n);
		host[n] = '\0';
		port++;
		if (inet_pton(AF_INET, host, addr) != 1)
			return false;
	}
	return num_parse(port, strlen(port), 1, 65535, &p) == 0;
}

int
cfg_set(struct cfg *c, const char *section, const char *key,
    const char *value, char *msg, size_t msglen)
{
	static const struct {
		const char	*section, *key;
		size_t		 off;
	} strs[] = {
		{ "server", "listen", offsetof(struct cfg, listen) },
		{ "server", "public_url", offsetof(struct cfg, public_url) },
		{ "store", "data_dir", offsetof(struct cfg, data_dir) },
		{ "store", "share_dir", offsetof(struct cfg, share_dir) },
		{ "notice", "timezone", offsetof(struct cfg, timezone) },
		{ "mail", "from", offsetof(struct cfg, mail_from) },
		{ "mail", "relay", offsetof(struct cfg, mail_relay) },
		{ "mail", "tls", offsetof(struct cfg, mail_tls) },
		{ "mail", "user", offsetof(struct cfg, mail_user) },
		{ "mail", "password_file",
		    offsetof(struct cfg, mail_password_file) },
		{ "mail", "ca_file", offsetof(struct cfg, mail_ca_file) },
		{ "mail", "admin_alerts",
		    offsetof(struct cfg, mail_admin_alerts) },
	};
	size_t	i;
	int64_t	n;

	if (strlen(value) > VALUE_MAX) {
		snprintf(msg, msglen, "[%s] %s: value longer than %d bytes",
		    section, key, VALUE_MAX);
		return -1;
	}
	if (strchr(value, '\r') != NULL || strchr(value, '\n') != NULL) {
		snprintf(msg, msglen, "[%s] %s: value contains a line break",
		    section, key);
		return -1;
	}
	if (strcmp(section, "mail") == 0 && (strcmp(key, "workers") == 0 ||
	    strcmp(key, "retry_hours") == 0)) {
		if (num_parse(value, strlen(value), 1, strcmp(key, "workers") ?
		    720 : 32, &n) == -1) {
			snprintf(msg, msglen, "[mail] %s: '%s' is out of range",
			    key, value);
			return -1;
		}
		*(strcmp(key, "workers") == 0 ? &c->mail_workers :
		    &c->mail_retry_hours) = (int)n;
		return 0;
	}
	if (strcmp(section, "server") == 0 && strcmp(key, "listen") == 0 &&
	    !listen_ok(value)) {
		snprintf(msg, msglen, "[server] listen: bad listen address '%s' "
		    "(want ADDR:PORT, like 127.0.0.1:8080 or [::1]:8080)",
		    value);
		return -1;
	}
	if (strcmp(section, "mail") == 0 && strcmp(key, "reminder_days") == 0) {
		if (num_parse(value, strlen(value), 0, 20, &n) == -1) {
			snprintf(msg, msglen, "[mail] reminder_days: '%s' is not "
			    "0-20", value);
			return -1;
		}
		c->reminder_days = (int)n;
		return 0;
	}
	if (strcmp(section, "mail") == 0 && strcmp(key, "reminder_time") == 0) {
		int64_t	h, mi;

		if (strlen(value) != 5 || value[2] != ':' ||
		    num_parse(value, 2, 0, 23, &h) == -1 ||
		    num_parse(value + 3, 2, 0, 59, &mi) == -1) {
			snprintf(msg, msglen, "[mail] reminder_time: '%s' is not "
			    "HH:MM", value);
			return -1;
		}
		c->reminder_minute = (int)(h * 60 + mi);
		return 0;
	}
	if (strcmp(section, "server") == 0 && strcmp(key, "threads") == 0) {
		if (num_parse(value, strlen(value), 1, 64, &n) == -1) {
			snprintf(msg, msglen, "[server] threads: '%s' is not a "
			    "number in 1-64", value);
			return -1;
		}
		c->threads = (int)n;
		return 0;
	}
	if (strcmp(section, "notice") == 0 &&
	    strcmp(key, "working_days") == 0) {
		if (num_parse(value, strlen(value), 1, CAL_RULE_MAX_DAYS,
		    &n) == -1) {
			snprintf(msg, msglen, "[notice] working_days: '%s' is "
			    "not a number in 1-%d", value, CAL_RULE_MAX_DAYS);
			return -1;
		}
		c->working_days = (int)n;
		return 0;
	}
	if ((strcmp(section, "notice") == 0 &&
	    strcmp(key, "count_swapped_saturdays") == 0) ||
	    (strcmp(section, "workflow") == 0 &&
	    (strcmp(key, "four_eyes") == 0 ||
	    strcmp(key, "auto_complete") == 0))) {
		bool	*flag = strcmp(key, "four_eyes") == 0 ? &c->four_eyes :
			    strcmp(key, "auto_complete") == 0 ?
			    &c->auto_complete : &c->count_swapped;

		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0)
			*flag = true;
		else if (strcmp(value, "no") == 0 ||
		    strcmp(value, "false") == 0)
			*flag = false;
		else {
			snprintf(msg, msglen, "[%s] %s: '%s' is not yes or no",
			    section, key, value);
			return -1;
		}
		return 0;
	}
	if (strcmp(section, "mail") == 0 && strcmp(key, "tls") == 0 &&
	    strcmp(value, "starttls") != 0 && strcmp(value, "none") != 0) {
		snprintf(msg, msglen, "[mail] tls: '%s' is not starttls or none",
		    value);
		return -1;
	}
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (strcmp(section, strs[i].section) == 0 &&
		    strcmp(key, strs[i].key) == 0) {
			replace((char **)(void *)((char *)c + strs[i].off),
			    value);
			return 0;
		}
	snprintf(msg, msglen, "unknown setting [%s] %s", section, key);
	return -1;
}

struct load_ctx {
	struct cfg	*c;
	char		 msg[256];
};

/* inih handler: returning 0 makes ini_parse_file() report this line. */
static int
ini_cb(void *arg, const char *section, const char *key, const char *value)
{
	struct load_ctx	*ctx = arg;

	if (ctx->msg[0] != '\0')
		return 0;
	return cfg_set(ctx->c, section, key, value, ctx->msg,
	    sizeof(ctx->msg)) == 0;
}

int
cfg_load(struct cfg *c, const char *path)
{
	struct load_ctx	 ctx;
	FILE		*f;
	int		 rc;

	ctx.c = c;
	ctx.msg[0] = '\0';
	if ((f = fopen(path, "r")) == NULL) {
		log_warn("cfg: cannot open '%s'", path);
		return -1;
	}
	rc = ini_parse_file(f, ini_cb, &ctx);
	fclose(f);
	if (rc == 0)
		return 0;
	if (rc > 0)
		log_warnx("cfg: %s:%d: %s", path, rc, ctx.msg[0] != '\0' ?
		    ctx.msg : "syntax error");
	else
		log_warnx("cfg: cannot read '%s'", path);
	return -1;
}

char *
cfg_json(const struct cfg *c)
{
	json_t	*j;
	char	*s;

	/* Paths and names only: the relay password stays in its file. */
	j = json_pack("{s:{s:s,s:i,s:s},s:{s:s,s:s},s:{s:i,s:b,s:s},"
	    "s:{s:s,s:s?,s:s,s:s?,s:s?,s:s?,s:s?,s:i,s:i,s:i,s:s},"
	    "s:{s:b,s:b}}",
	    "server", "listen", c->listen, "threads", c->threads, "public_url",
	    c->public_url,
	    "store", "data_dir", c->data_dir, "share_dir", c->share_dir,
	    "notice", "working_days", c->working_days,
	    "count_swapped_saturdays", c->count_swapped, "timezone",
	    c->timezone,
	    "mail", "from", c->mail_from, "relay", c->mail_relay, "tls",
	    c->mail_tls, "user", c->mail_user, "password_file",
	    c->mail_password_file, "ca_file", c->mail_ca_file, "admin_alerts",
	    c->mail_admin_alerts, "workers", c->mail_workers, "retry_hours",
	    c->mail_retry_hours, "reminder_days", c->reminder_days,
	    "reminder_time", "",
	    "workflow", "four_eyes", c->four_eyes, "auto_complete",
	    c->auto_complete);
	if (j == NULL)
		return NULL;
	json_object_set_new(json_object_get(j, "mail"), "reminder_time",
	    json_sprintf("%02d:%02d", c->reminder_minute / 60,
	    c->reminder_minute % 60));
	/* The flat "four_eyes" the console reads. */
	json_object_set_new(j, "four_eyes", json_boolean(c->four_eyes));
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return s;
}
