/*
 * cli.c - baotri, the command-line client of baotrid's JSON API (libcurl).
 *
 *   baotri [--url URL] [--token TOKEN] [--json] COMMAND ...
 *
 * The server and token come from the flags, else BAOTRI_URL and
 * BAOTRI_TOKEN, else $XDG_CONFIG_HOME/baotri/config (or ~/.config/...),
 * an INI file with `url =` and `token =`.  Output is a table for people, or
 * the server's JSON with --json.  Exit status: 0 done, 1 the server refused
 * (its message on stderr), 2 bad usage, 3 the server could not be reached.
 */
#include <curl/curl.h>
#include <ini.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/xmalloc.h"

#define RESPONSE_MAX	(64 * 1024 * 1024)

struct client {
	char	*url;
	char	*token;
	int	 json;
};

static int
usage(void)
{
	fprintf(stderr,
	    "usage: baotri [--url URL] [--token TOKEN] [--json] COMMAND\n"
	    "  maintenance list [--status S] [--from DATE] [--to DATE] "
	    "[--flagged]\n"
	    "  maintenance show ID\n"
	    "  maintenance create --title T --component SLUG... --start TIME "
	    "--end TIME\n"
	    "                     [--description D] [--impact outage|degraded|"
	    "read-only]\n"
	    "                     [--category planned|emergency] "
	    "[--justification J]\n"
	    "  maintenance submit|approve|cancel|complete ID [--allow-overlap] "
	    "[--reason R]\n"
	    "  calendar earliest-start [TIME]    calendar deadline TIME\n"
	    "  calendar holidays [YEAR]          calendar lunar DATE\n"
	    "  component list | component create SLUG NAME\n"
	    "  unit list | unit create NAME --component SLUG... "
	    "[--contact 'Name <email>']...\n"
	    "  report compliance FROM TO [--csv]\n"
	    "TIME is RFC 3339 (2026-12-10T22:00:00+07:00); DATE is "
	    "YYYY-MM-DD.\n");
	return 2;
}

static int
config_cb(void *arg, const char *section, const char *key, const char *value)
{
	struct client	*c = arg;

	(void)section;
	if (strcmp(key, "url") == 0 && c->url == NULL)
		c->url = xstrdup(value);
	else if (strcmp(key, "token") == 0 && c->token == NULL)
		c->token = xstrdup(value);
	return 1;
}

static void
read_config(struct client *c)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char		*path;

	if (xdg != NULL && *xdg != '\0')
		path = xasprintf("%s/baotri/config", xdg);
	else if (home != NULL)
		path = xasprintf("%s/.config/baotri/config", home);
	else
		return;
	ini_parse(path, config_cb, c);
	free(path);
}

static size_t
on_data(char *p, size_t size, size_t n, void *arg)
{
	return buf_add(arg, p, size * n) == -1 ? 0 : size * n;
}

/* One request; returns the HTTP status, or -1 when unreachable. */
static long
request(struct client *c, const char *method, const char *path,
    const char *body, const char *accept, struct buf *out)
{
	CURL			*h;
	struct curl_slist	*hdr = NULL;
	char			*url, *auth = NULL, err[CURL_ERROR_SIZE] = "";
	long			 status = -1;
	CURLcode		 rc;

	if ((h = curl_easy_init()) == NULL)
		return -1;
	url = xasprintf("%s%s", c->url, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "baotri-cli/0.1");
	if (c->token != NULL) {
		auth = xasprintf("Authorization: Bearer %s", c->token);
		hdr = curl_slist_append(hdr, auth);
	}
	if (accept != NULL)
		hdr = curl_slist_append(hdr, accept);
	if (body != NULL) {
		hdr = curl_slist_append(hdr, "Content-Type: application/json");
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	if ((rc = curl_easy_perform(h)) == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	else
		fprintf(stderr, "baotri: cannot reach %s: %s\n", c->url,
		    err[0] ? err : curl_easy_strerror(rc));
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	free(url);
	if (auth != NULL)
		xfree_secret(auth, strlen(auth));
	return status;
}

/* Prints the server's error; returns the exit status. */
static int
server_error(long status, const struct buf *b)
{
	json_t		*j = json_loads(buf_str(b), 0, NULL);
	json_t		*e = json_object_get(j, "error");
	const char	*msg = json_string_value(json_object_get(e, "message"));
	const char	*code = json_string_value(json_object_get(e, "code"));
	const char	*es = json_string_value(json_object_get(e,
			    "earliest_start"));

	fprintf(stderr, "baotri: %ld %s: %s\n", status, code ? code : "error",
	    msg ? msg : buf_str(b));
	if (es != NULL)
		fprintf(stderr, "baotri: earliest allowed start: %s\n", es);
	json_decref(j);
	return 1;
}

/* Runs a call and hands the JSON answer back; NULL after printing. */
static json_t *
call(struct client *c, const char *method, const char *path, json_t *body,
    int *exit_code)
{
	struct buf	 b;
	char		*text = NULL;
	long		 status;
	json_t		*j = NULL;

	buf_init(&b, RESPONSE_MAX);
	if (body != NULL)
		text = json_dumps(body, JSON_COMPACT);
	status = request(c, method, path, text, NULL, &b);
	free(text);
	if (status < 0)
		*exit_code = 3;
	else if (status >= 400)
		*exit_code = server_error(status, &b);
	else {
		*exit_code = 0;
		if (c->json)
			printf("%s\n", buf_str(&b));
		j = b.len > 0 ? json_loads(buf_str(&b), 0, NULL) : json_object();
		if (j == NULL) {
			fprintf(stderr, "baotri: the answer is not JSON\n");
			*exit_code = 1;
		}
	}
	buf_release(&b);
	return j;
}

static const char *
str(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "-";
}

static void
print_maint(json_t *m)
{
	json_t	*c;
	size_t	 i;

	printf("%-5lld %-12s %-25s %-25s %-9s %s [", (long long)
	    json_integer_value(json_object_get(m, "id")), str(m, "status"),
	    str(m, "start"), str(m, "end"), str(m, "category"),
	    str(m, "title"));
	json_array_foreach(json_object_get(m, "components"), i, c)
		printf("%s%s", i ? "," : "", json_string_value(c));
	printf("]%s\n", json_is_true(json_object_get(m, "flagged")) ?
	    " FLAGGED" : "");
}

static void
print_maint_long(json_t *m)
{
	json_t	*d;
	size_t	 i;

	print_maint(m);
	printf("  uid %s, sequence %lld, author %s, approver %s\n",
	    str(m, "uid"), (long long)json_integer_value(json_object_get(m,
	    "sequence")), str(m, "author"), str(m, "approver"));
	printf("  earliest start %s; notice deadline %s; notice at %s\n",
	    str(m, "earliest_start"), str(m, "notice_deadline"),
	    str(m, "notice_at"));
	printf("  working days counted:");
	json_array_foreach(json_object_get(m, "notice_working_days"), i, d)
		printf(" %s", json_string_value(d));
	printf("\n");
	if (json_is_boolean(json_object_get(m, "compliant")))
		printf("  compliant: %s\n", json_is_true(json_object_get(m,
		    "compliant")) ? "yes" : "no");
	if (json_is_true(json_object_get(m, "flagged")))
		printf("  flagged: %s\n", str(m, "flag_reason"));
}

/* Collects "--opt value" pairs; returns -1 on an unknown option. */
struct opt {
	const char	*name;
	int		 flag;		/* takes no value */
	int		 many;		/* may repeat */
};

static int
parse_opts(int argc, char **argv, const struct opt *opts, json_t *into,
    json_t *pos)
{
	int	i, k;

	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0) {
			json_array_append_new(pos, json_string(argv[i]));
			continue;
		}
		for (k = 0; opts[k].name != NULL; k++)
			if (strcmp(argv[i] + 2, opts[k].name) == 0)
				break;
		if (opts[k].name == NULL) {
			fprintf(stderr, "baotri: unknown option %s\n", argv[i]);
			return -1;
		}
		if (opts[k].flag) {
			json_object_set_new(into, opts[k].name, json_true());
			continue;
		}
		if (++i == argc) {
			fprintf(stderr, "baotri: %s needs a value\n",
			    argv[i - 1]);
			return -1;
		}
		if (opts[k].many) {
			json_t	*a = json_object_get(into, opts[k].name);

			if (a == NULL) {
				a = json_array();
				json_object_set_new(into, opts[k].name, a);
			}
			json_array_append_new(a, json_string(argv[i]));
		} else
			json_object_set_new(into, opts[k].name,
			    json_string(argv[i]));
	}
	return 0;
}

/* Appends "&key=value" (escaped) to a query. */
static void
add_query(struct buf *q, const char *key, const char *value)
{
	char	*e = curl_easy_escape(NULL, value, 0);

	buf_addf(q, "%c%s=%s", q->len == 0 ? '?' : '&', key, e);
	curl_free(e);
}

static int
cmd_maintenance(struct client *c, int argc, char **argv)
{
	static const struct opt	 opts[] = { { "status", 0, 0 },
	    { "from", 0, 0 }, { "to", 0, 0 }, { "flagged", 1, 0 },
	    { "title", 0, 0 }, { "component", 0, 1 }, { "start", 0, 0 },
	    { "end", 0, 0 }, { "description", 0, 0 }, { "impact", 0, 0 },
	    { "category", 0, 0 }, { "justification", 0, 0 },
	    { "allow-overlap", 1, 0 }, { "reason", 0, 0 }, { NULL, 0, 0 } };
	json_t			*o = json_object(), *pos = json_array(), *j;
	json_t			*body = NULL, *m;
	struct buf		 q;
	const char		*sub, *v;
	char			*path = NULL;
	int			 rc = 2;
	size_t			 i;
	const char		*keys[] = { "title", "start", "end",
	    "description", "impact", "category", "justification", NULL };

	buf_init(&q, 4096);
	if (argc < 1 || parse_opts(argc - 1, argv + 1, opts, o, pos) == -1)
		goto out;
	sub = argv[0];
	if (strcmp(sub, "list") == 0) {
		for (i = 0; i < 3; i++) {
			const char	*k[] = { "status", "from", "to" };

			if ((v = json_string_value(json_object_get(o, k[i]))))
				add_query(&q, k[i], v);
		}
		if (json_is_true(json_object_get(o, "flagged")))
			add_query(&q, "flagged", "true");
		path = xasprintf("/api/v1/maintenances%s", buf_str(&q));
		if ((j = call(c, "GET", path, NULL, &rc)) != NULL) {
			if (!c->json)
				json_array_foreach(json_object_get(j,
				    "maintenances"), i, m)
					print_maint(m);
			json_decref(j);
		}
	} else if (strcmp(sub, "create") == 0) {
		body = json_object();
		for (i = 0; keys[i] != NULL; i++)
			if ((v = json_string_value(json_object_get(o, keys[i]))))
				json_object_set_new(body, keys[i],
				    json_string(v));
		if (json_object_get(o, "component") != NULL)
			json_object_set(body, "components",
			    json_object_get(o, "component"));
		if ((j = call(c, "POST", "/api/v1/maintenances", body, &rc))) {
			if (!c->json)
				print_maint_long(j);
			json_decref(j);
		}
	} else if (json_array_size(pos) == 1 && (strcmp(sub, "show") == 0 ||
	    strcmp(sub, "submit") == 0 || strcmp(sub, "approve") == 0 ||
	    strcmp(sub, "cancel") == 0 || strcmp(sub, "complete") == 0)) {
		const char	*id = json_string_value(json_array_get(pos, 0));

		if (strcmp(sub, "show") == 0) {
			path = xasprintf("/api/v1/maintenances/%s", id);
			j = call(c, "GET", path, NULL, &rc);
		} else {
			body = json_object();
			if (json_is_true(json_object_get(o, "allow-overlap")))
				json_object_set_new(body, "allow_overlap",
				    json_true());
			if ((v = json_string_value(json_object_get(o,
			    "reason"))))
				json_object_set_new(body, "reason",
				    json_string(v));
			path = xasprintf("/api/v1/maintenances/%s/%s", id, sub);
			j = call(c, "POST", path, body, &rc);
		}
		if (j != NULL) {
			if (!c->json)
				print_maint_long(j);
			json_decref(j);
		}
	} else
		rc = usage();
out:
	if (rc == 2 && argc < 1)
		usage();
	buf_release(&q);
	free(path);
	json_decref(o);
	json_decref(pos);
	json_decref(body);
	return rc;
}

static void
print_days(json_t *a)
{
	json_t	*d;
	size_t	 i;

	json_array_foreach(a, i, d)
		printf(" %s", json_string_value(d));
	printf("\n");
}

static int
cmd_calendar(struct client *c, int argc, char **argv)
{
	struct buf	 q;
	char		*path = NULL, now[32];
	json_t		*j = NULL, *d;
	int		 rc = 0;
	size_t		 i;
	time_t		 t = time(NULL);
	struct tm	 tm;

	buf_init(&q, 1024);
	if (argc >= 1 && strcmp(argv[0], "earliest-start") == 0 && argc <= 2) {
		if (argc == 1) {
			gmtime_r(&t, &tm);
			strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
		}
		add_query(&q, "notice_at", argc == 2 ? argv[1] : now);
		path = xasprintf("/api/v1/calendar/earliest-start%s",
		    buf_str(&q));
		if ((j = call(c, "GET", path, NULL, &rc)) != NULL && !c->json) {
			printf("notice %s -> earliest start %s\nworking days:",
			    str(j, "notice_at"), str(j, "earliest_start"));
			print_days(json_object_get(j, "working_days"));
		}
	} else if (argc == 2 && strcmp(argv[0], "deadline") == 0) {
		add_query(&q, "start", argv[1]);
		path = xasprintf("/api/v1/calendar/notice-deadline%s",
		    buf_str(&q));
		if ((j = call(c, "GET", path, NULL, &rc)) != NULL && !c->json) {
			printf("start %s -> notify by %s (end of day)\n"
			    "working days:", str(j, "start"),
			    str(j, "notice_deadline"));
			print_days(json_object_get(j, "working_days"));
		}
	} else if (argc <= 2 && argc >= 1 &&
	    strcmp(argv[0], "holidays") == 0) {
		if (argc == 2)
			add_query(&q, "year", argv[1]);
		path = xasprintf("/api/v1/holidays%s", buf_str(&q));
		if ((j = call(c, "GET", path, NULL, &rc)) != NULL && !c->json) {
			printf("%lld: %s, %lld working days\n", (long long)
			    json_integer_value(json_object_get(j, "year")),
			    str(j, "status"), (long long)json_integer_value(
			    json_object_get(j, "working_days")));
			json_array_foreach(json_object_get(j, "days"), i, d)
				printf("%s %-13s %-9s %s\n", str(d, "date"),
				    str(d, "kind"), str(d, "layer"),
				    str(d, "name"));
		}
	} else if (argc == 2 && strcmp(argv[0], "lunar") == 0) {
		add_query(&q, "date", argv[1]);
		path = xasprintf("/api/v1/calendar/lunar%s", buf_str(&q));
		if ((j = call(c, "GET", path, NULL, &rc)) != NULL && !c->json)
			printf("%s = %lld/%lld%s %s\n", str(j, "date"),
			    (long long)json_integer_value(json_object_get(j,
			    "day")), (long long)json_integer_value(
			    json_object_get(j, "month")), json_is_true(
			    json_object_get(j, "leap")) ? " (nhuận)" : "",
			    str(j, "year_name"));
	} else
		rc = usage();
	json_decref(j);
	free(path);
	buf_release(&q);
	return rc;
}

static int
cmd_component(struct client *c, int argc, char **argv)
{
	json_t	*j = NULL, *body, *d;
	int	 rc = 0;
	size_t	 i;

	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		if ((j = call(c, "GET", "/api/v1/components", NULL, &rc)) &&
		    !c->json)
			json_array_foreach(json_object_get(j, "components"), i,
			    d)
				printf("%-20s %s\n", str(d, "slug"),
				    str(d, "name"));
	} else if (argc == 3 && strcmp(argv[0], "create") == 0) {
		body = json_pack("{s:s,s:s}", "slug", argv[1], "name", argv[2]);
		if ((j = call(c, "POST", "/api/v1/components", body, &rc)) &&
		    !c->json)
			printf("component %s created\n", argv[1]);
		json_decref(body);
	} else
		return usage();
	json_decref(j);
	return rc;
}

static int
cmd_unit(struct client *c, int argc, char **argv)
{
	static const struct opt	 opts[] = { { "component", 0, 1 },
	    { "contact", 0, 1 }, { NULL, 0, 0 } };
	json_t			*j = NULL, *o, *pos, *body, *u, *contacts, *v;
	int			 rc = 0;
	size_t			 i;
	const char		*s, *lt;

	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		if ((j = call(c, "GET", "/api/v1/units", NULL, &rc)) &&
		    !c->json)
			json_array_foreach(json_object_get(j, "units"), i, u)
				printf("%-5lld %s (%zu contacts)\n", (long long)
				    json_integer_value(json_object_get(u,
				    "id")), str(u, "name"), json_array_size(
				    json_object_get(u, "contacts")));
		json_decref(j);
		return rc;
	}
	if (argc < 2 || strcmp(argv[0], "create") != 0)
		return usage();
	o = json_object();
	pos = json_array();
	if (parse_opts(argc - 2, argv + 2, opts, o, pos) == -1 ||
	    json_array_size(pos) != 0) {
		json_decref(o);
		json_decref(pos);
		return usage();
	}
	contacts = json_array();
	json_array_foreach(json_object_get(o, "contact"), i, v) {
		/* "Name <email>" */
		s = json_string_value(v);
		if ((lt = strchr(s, '<')) == NULL || s[strlen(s) - 1] != '>') {
			fprintf(stderr, "baotri: --contact wants 'Name "
			    "<email>'\n");
			rc = 2;
			break;
		}
		json_array_append_new(contacts, json_pack("{s:s%,s:s%}",
		    "name", s, (size_t)(lt - s > 0 && lt[-1] == ' ' ?
		    lt - s - 1 : lt - s), "email", lt + 1,
		    strlen(lt + 1) - 1));
	}
	body = json_pack("{s:s,s:O,s:o}", "name", argv[1], "components",
	    json_object_get(o, "component") ? json_object_get(o, "component") :
	    json_array(), "contacts", contacts);
	if (rc == 0 && (j = call(c, "POST", "/api/v1/units", body, &rc)) &&
	    !c->json)
		printf("unit %lld created\n", (long long)json_integer_value(
		    json_object_get(j, "id")));
	json_decref(j);
	json_decref(body);
	json_decref(o);
	json_decref(pos);
	return rc;
}

static int
cmd_report(struct client *c, int argc, char **argv)
{
	struct buf	 b, q;
	char		*path;
	long		 status;
	int		 rc = 0, csv;
	json_t		*j, *m;
	size_t		 i;

	if (argc < 3 || argc > 4 || strcmp(argv[0], "compliance") != 0 ||
	    (argc == 4 && strcmp(argv[3], "--csv") != 0))
		return usage();
	csv = argc == 4;
	buf_init(&b, RESPONSE_MAX);
	buf_init(&q, 1024);
	add_query(&q, "from", argv[1]);
	add_query(&q, "to", argv[2]);
	path = xasprintf("/api/v1/reports/compliance%s", buf_str(&q));
	status = request(c, "GET", path, NULL, csv ? "Accept: text/csv" :
	    NULL, &b);
	if (status < 0)
		rc = 3;
	else if (status >= 400)
		rc = server_error(status, &b);
	else if (csv || c->json)
		fputs(buf_str(&b), stdout);
	else if ((j = json_loads(buf_str(&b), 0, NULL)) != NULL) {
		json_array_foreach(json_object_get(j, "maintenances"), i, m)
			printf("%-5lld %-3s %-25s %-25s %2lld days  %s\n",
			    (long long)json_integer_value(json_object_get(m,
			    "id")), json_is_true(json_object_get(m,
			    "compliant")) ? "yes" : "NO", str(m, "notice_at"),
			    str(m, "start"), (long long)json_integer_value(
			    json_object_get(m, "working_days_of_notice")),
			    str(m, "reason"));
		json_decref(j);
	}
	free(path);
	buf_release(&b);
	buf_release(&q);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct client	 c = { NULL, NULL, 0 };
	const char	*e;
	int		 i, rc;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--json") == 0)
			c.json = 1;
		else if (strcmp(argv[i], "--url") == 0 && i + 1 < argc)
			c.url = xstrdup(argv[++i]);
		else if (strcmp(argv[i], "--token") == 0 && i + 1 < argc)
			c.token = xstrdup(argv[++i]);
		else
			return usage();
	}
	if (i >= argc)
		return usage();
	if (c.url == NULL && (e = getenv("BAOTRI_URL")) != NULL)
		c.url = xstrdup(e);
	if (c.token == NULL && (e = getenv("BAOTRI_TOKEN")) != NULL)
		c.token = xstrdup(e);
	if (c.url == NULL || c.token == NULL)
		read_config(&c);
	if (c.url == NULL)
		c.url = xstrdup("http://127.0.0.1:8080");
	while (strlen(c.url) > 0 && c.url[strlen(c.url) - 1] == '/')
		c.url[strlen(c.url) - 1] = '\0';
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (strcmp(argv[i], "maintenance") == 0)
		rc = cmd_maintenance(&c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "calendar") == 0)
		rc = cmd_calendar(&c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "component") == 0)
		rc = cmd_component(&c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "unit") == 0)
		rc = cmd_unit(&c, argc - i - 1, argv + i + 1);
	else if (strcmp(argv[i], "report") == 0)
		rc = cmd_report(&c, argc - i - 1, argv + i + 1);
	else
		rc = usage();
	curl_global_cleanup();
	free(c.url);
	if (c.token != NULL)
		xfree_secret(c.token, strlen(c.token));
	return rc;
}
