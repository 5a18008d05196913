/*
 * main.c - baotrid, the daemon: reads the settings, opens the store and the
 * working calendar, serves HTTP until SIGTERM or SIGINT.
 *
 *   baotrid [-c FILE] [--data-dir DIR] [--listen ADDR:PORT]
 *           [--share-dir DIR] [--debug]
 *   baotrid [-c FILE] [--data-dir DIR] user|token|audit ...   (admin.h)
 *
 * Settings: built-in defaults, then FILE, then the flags (DESIGN.md §4).
 * Signals are blocked in every thread and taken synchronously here, so no
 * handler runs inside a library.
 */
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "calendar/ics.h"
#include "calendar/rule.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "daemon/account.h"
#include "daemon/admin.h"
#include "daemon/cfg.h"
#include "daemon/fetch.h"
#include "daemon/links.h"
#include "daemon/sched.h"
#include "daemon/store.h"
#include "daemon/wf.h"
#include "daemon/workcal.h"
#include "notifier/compose.h"
#include "notifier/outbox.h"
#include "common/num.h"
#include "web/api.h"
#include "web/pages.h"
#include "web/cache.h"
#include "web/http.h"

#define BAOTRI_VERSION	"0.1.0"

static void
usage(FILE *f)
{
	fprintf(f, "usage: baotrid [-c FILE] [--data-dir DIR] "
	    "[--listen ADDR:PORT] [--share-dir DIR] [--debug]\n"
	    "       baotrid [-c FILE] [--data-dir DIR] user|token|audit ...\n");
}

/*
 * The clock.  With --test-clock FILE (tests only) the time is read from
 * FILE (seconds since the epoch) at each call, so a test can move it.
 */
static const char	*test_clock_file;

static int64_t
now(void)
{
	char	 buf[32];
	FILE	*f;
	size_t	 n;
	int64_t	 v;

	if (test_clock_file == NULL)
		return (int64_t)time(NULL);
	if ((f = fopen(test_clock_file, "r")) == NULL)
		fatal("cannot read the test clock '%s'", test_clock_file);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	if (num_parse(buf, n, 0, INT64_MAX / 2, &v) == -1)
		fatalx("the test clock '%s' holds no number", test_clock_file);
	return v;
}

/* The host of a URL ("status.example.gov.vn"), for iCalendar UIDs. */
static void
url_host(const char *url, char *out, size_t len)
{
	const char	*p = strstr(url, "://");
	size_t		 n;

	p = p != NULL ? p + 3 : url;
	n = strcspn(p, ":/?#");
	if (n == 0 || n >= len)
		snprintf(out, len, "baotri.invalid");
	else
		snprintf(out, len, "%.*s", (int)n, p);
}

/* Applies a flag that takes a value; exits on a missing value. */
static void
set_flag(struct cfg *c, const char *section, const char *key,
    const char *flag, const char *value)
{
	char	msg[256];

	if (value == NULL) {
		fprintf(stderr, "baotrid: %s needs a value\n", flag);
		usage(stderr);
		exit(2);
	}
	if (cfg_set(c, section, key, value, msg, sizeof(msg)) == -1)
		fatalx("%s: %s", flag, msg);
}

/*
 * SIGHUP: re-reads the configuration file and the holiday schedules, and
 * applies what can change while running (the notice rule, the workflow
 * settings); what needs a restart is said in the log.  A bad file changes
 * nothing.
 */
static void
reload(const char *conf, struct cfg *cur, struct workcal *wc, struct wf *wf,
    const char *const *dirs, size_t ndirs)
{
	struct cfg	next;
	struct cal_rule	rule = cal_rule_default();

	cfg_init(&next);
	if (conf != NULL && cfg_load(&next, conf) == -1) {
		log_warnx("baotrid: reload: '%s' refused; nothing changed",
		    conf);
		cfg_release(&next);
		return;
	}
	rule.working_days = conf != NULL ? next.working_days :
	    cur->working_days;
	rule.count_swapped = conf != NULL ? next.count_swapped :
	    cur->count_swapped;
	if (workcal_reload(wc, dirs, ndirs, rule) == -1) {
		cfg_release(&next);
		return;
	}
	if (conf != NULL) {
		wf->four_eyes = next.four_eyes;
		wf->auto_complete = next.auto_complete;
		if (strcmp(next.timezone, cur->timezone) != 0 ||
		    strcmp(next.listen, cur->listen) != 0 ||
		    strcmp(next.data_dir, cur->data_dir) != 0)
			log_warnx("baotrid: reload: timezone, listen and "
			    "data_dir change only with a restart");
		cur->working_days = next.working_days;
		cur->count_swapped = next.count_swapped;
		cur->four_eyes = next.four_eyes;
		cur->auto_complete = next.auto_complete;
	}
	cfg_release(&next);
	log_info("baotrid: reloaded (%d working days%s, four_eyes %s)",
	    rule.working_days, rule.count_swapped ? "" :
	    ", swapped Saturdays not counted", wf->four_eyes ? "on" : "off");
	wf_recheck(wf, &(struct wf_actor){ 0, "system", NULL }, now());
}

/* What the web layer and the scheduler call after a change. */
struct wiring {
	struct sched	*sched;
	struct ntf	*ntf;
	struct cfg	*cfg;
	pthread_mutex_t	 cfg_lock;	/* SIGHUP rewrites cfg */
};

/* The settings for GET /api/v1/settings, read under the reload lock. */
static char *
settings(void *arg)
{
	struct wiring	*w = arg;
	char		*s;

	pthread_mutex_lock(&w->cfg_lock);
	s = cfg_json(w->cfg);
	pthread_mutex_unlock(&w->cfg_lock);
	return s;
}

static void
changed(void *arg)
{
	struct wiring	*w = arg;

	sched_wake(w->sched);
	ntf_wake(w->ntf);
}

static void
queued(void *arg)
{
	ntf_wake(((struct wiring *)arg)->ntf);
}

static int64_t
lag(void *arg)
{
	return sched_lag(((struct wiring *)arg)->sched);
}

/* Reads a one-line secret (the relay password); NULL (logged) on error. */
static char *
read_secret(const char *path)
{
	char	 line[1024];
	FILE	*f;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		log_warn("cannot read '%s'", path);
		return NULL;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return xstrdup(line);
}

int
main(int argc, char *argv[])
{
	struct cfg		 cfg;
	struct store		*store;
	struct workcal		*wc;
	struct web_server	*srv;
	struct web_api		 api;
	char			 host[256];
	struct wf		 wf;
	struct sched		*sched;
	struct wiring		 wiring;
	struct ntf_templates	*templates;
	struct ntf_sender	 sender;
	struct ntf_smtp_cfg	 smtp;
	struct ntf_config	 ncfg;
	char			*from_name = NULL, *from_email = NULL;
	char			*tdir, *wdir, *purl, *spool, *password = NULL, err[512];
	unsigned char		 lkey[LINK_KEY_LEN];
	struct cal_rule		 rule;
	const char		*dirs[2], *conf = NULL;
	char			*dir0, *dir1;
	sigset_t		 set;
	int			 i, sig, cmd = 0, rc;

	/* The config file first, so that flags win whatever their order. */
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			conf = argv[++i];
	cfg_init(&cfg);
	if (conf != NULL && cfg_load(&cfg, conf) == -1)
		fatalx("cannot use the configuration '%s'", conf);
	for (i = 1; i < argc; i++) {
		const char	*a = argv[i], *v = i + 1 < argc ? argv[i + 1] :
				    NULL;

		if (strcmp(a, "-c") == 0)
			i++;
		else if (strcmp(a, "--data-dir") == 0) {
			set_flag(&cfg, "store", "data_dir", a, v);
			i++;
		} else if (strcmp(a, "--share-dir") == 0) {
			set_flag(&cfg, "store", "share_dir", a, v);
			i++;
		} else if (strcmp(a, "--listen") == 0) {
			set_flag(&cfg, "server", "listen", a, v);
			i++;
		} else if (strcmp(a, "--test-clock") == 0 && v != NULL) {
			test_clock_file = v;
			i++;
		} else if (strcmp(a, "--debug") == 0)
			log_set_level(LOG_LEVEL_DEBUG);
		else if (strcmp(a, "--version") == 0) {
			printf("baotrid %s\n", BAOTRI_VERSION);
			return 0;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (admin_is_command(a)) {
			cmd = i;
			break;
		} else {
			fprintf(stderr, "baotrid: unknown argument '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}

	if (acct_init() == -1)
		fatalx("cannot initialise libsodium");
	if (fetch_global_init() == -1)
		fatalx("cannot initialise libcurl");
	if (mkdir(cfg.data_dir, 0700) == -1 && errno != EEXIST)
		fatal("cannot create the data directory '%s'", cfg.data_dir);
	if ((store = store_open(cfg.data_dir)) == NULL)
		fatalx("cannot open the store in '%s'", cfg.data_dir);
	if (cmd > 0) {
		rc = admin_run(store, argc - cmd, argv + cmd);
		store_close(store);
		cfg_release(&cfg);
		return rc;
	}
	dir0 = xasprintf("%s/holidays", cfg.data_dir);
	dir1 = xasprintf("%s/holidays", cfg.share_dir);
	dirs[0] = dir0;
	dirs[1] = dir1;
	rule = cal_rule_default();
	rule.working_days = cfg.working_days;
	rule.count_swapped = cfg.count_swapped;
	if ((wc = workcal_open(store, dirs, 2, cfg.timezone, rule)) == NULL)
		fatalx("cannot build the working calendar");

	/* Block the signals before any thread starts, then wait for them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	memset(&api, 0, sizeof(api));
	api.wc = wc;
	api.now = now;
	api.version = BAOTRI_VERSION;
	url_host(cfg.public_url, host, sizeof(host));
	api.uid_host = host;
	api.schema_version = store_schema_version(store);
	api.store = store;
	api.secure_cookies = strncmp(cfg.public_url, "https://", 8) == 0;
	api.logins = web_ratelimit_new();
	api.metrics = web_metrics_new();
	api.answers = web_cache_new(128);
	/* Pages and console files: the data directory's copy wins. */
	wdir = xasprintf("%s/web", cfg.data_dir);
	if ((api.pages = web_pages_load(wdir, err, sizeof(err))) == NULL) {
		free(wdir);
		wdir = xasprintf("%s/web", cfg.share_dir);
		if ((api.pages = web_pages_load(wdir, err, sizeof(err))) ==
		    NULL)
			fatalx("web: %s", err);
	}
	log_info("web: pages and console from %s", wdir);
	free(wdir);
	purl = xstrdup(cfg.public_url);
	while (purl[0] != '\0' && purl[strlen(purl) - 1] == '/')
		purl[strlen(purl) - 1] = '\0';
	api.public_url = purl;
	api.tokens = web_cache_new(256);
	memset(&wf, 0, sizeof(wf));
	wf.store = store;
	wf.wc = wc;
	wf.four_eyes = cfg.four_eyes;
	wf.auto_complete = cfg.auto_complete;
	wf.uid_host = host;
	wf.reminder_days = cfg.reminder_days;
	wf.reminder_minute = cfg.reminder_minute;
	api.wf = &wf;
	/* The notifier: templates, sender, and the relay or the spool. */
	if (ntf_parse_mailbox(cfg.mail_from, &from_name, &from_email) == -1)
		fatalx("[mail] from: '%s' is not an address", cfg.mail_from);
	tdir = xasprintf("%s/templates", cfg.data_dir);
	if ((templates = ntf_templates_load(tdir, err, sizeof(err))) == NULL) {
		free(tdir);
		tdir = xasprintf("%s/templates", cfg.share_dir);
		if ((templates = ntf_templates_load(tdir, err,
		    sizeof(err))) == NULL)
			fatalx("templates: %s", err);
	}
	memset(&sender, 0, sizeof(sender));
	sender.from_name = from_name;
	sender.from_email = from_email;
	sender.org_name = from_name != NULL ? from_name : host;
	sender.public_url = purl;
	sender.list_id = host;
	sender.zone = workcal_zone(wc);
	memset(&smtp, 0, sizeof(smtp));
	if (cfg.mail_relay != NULL) {
		if (cfg.mail_password_file != NULL &&
		    (password = read_secret(cfg.mail_password_file)) == NULL)
			fatalx("[mail] password_file unreadable");
		smtp.relay = cfg.mail_relay;
		smtp.tls = cfg.mail_tls;
		smtp.user = cfg.mail_user;
		smtp.password = password;
		smtp.ca_file = cfg.mail_ca_file;
		smtp.timeout = 30;
	}
	spool = xasprintf("%s/spool", cfg.data_dir);
	memset(&ncfg, 0, sizeof(ncfg));
	ncfg.workers = cfg.mail_workers;
	ncfg.batch = 50;
	ncfg.retry_limit = (int64_t)cfg.mail_retry_hours * 3600;
	ncfg.lease = 300;
	ncfg.sender = &sender;
	ncfg.templates = templates;
	ncfg.smtp = cfg.mail_relay != NULL ? &smtp : NULL;
	ncfg.spool_dir = spool;
	ncfg.admin_alerts = cfg.mail_admin_alerts;
	ncfg.host = host;
	ncfg.now = now;
	ncfg.max_sleep = test_clock_file != NULL ? 1 : 0;
	if (link_key(store, lkey) == -1)
		fatalx("cannot read or make the link key");
	ncfg.link_key = lkey;
	api.link_key = lkey;
	api.org_name = sender.org_name;
	memset(&wiring, 0, sizeof(wiring));
	if ((wiring.ntf = ntf_start(store, &ncfg, err, sizeof(err))) == NULL)
		fatalx("notifier: %s", err);
	sched = sched_start(&wf, now, test_clock_file != NULL ? 1 : 0, queued,
	    &wiring);
	wiring.sched = sched;
	api.changed = changed;
	api.lag = lag;
	api.changed_arg = &wiring;
	api.settings = settings;
	wiring.cfg = &cfg;
	pthread_mutex_init(&wiring.cfg_lock, NULL);
	if ((srv = web_server_start(cfg.listen, cfg.threads, web_api_handle,
	    &api)) ==
	    NULL)
		fatalx("cannot start the HTTP server");
	log_info("baotrid %s: listening on http://%s/ (data %s, zone %s, "
	    "%d working days%s)", BAOTRI_VERSION, cfg.listen, cfg.data_dir,
	    cfg.timezone, rule.working_days, rule.count_swapped ? "" :
	    ", swapped Saturdays not counted");

	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig == SIGHUP) {
			pthread_mutex_lock(&wiring.cfg_lock);
			reload(conf, &cfg, wc, &wf, dirs, 2);
			pthread_mutex_unlock(&wiring.cfg_lock);
			continue;
		}
		break;
	}
	log_info("baotrid: signal %d, stopping", sig);
	web_server_stop(srv);
	sched_stop(sched);
	ntf_stop(wiring.ntf);
	ntf_templates_free(templates);
	free(from_name);
	free(from_email);
	free(tdir);
	free(spool);
	if (password != NULL)
		xfree_secret(password, strlen(password));
	sodium_memzero(lkey, sizeof(lkey));
	web_ratelimit_free(api.logins);
	web_metrics_free(api.metrics);
	web_cache_free(api.answers);
	web_pages_free(api.pages);
	free(purl);
	web_cache_free(api.tokens);
	workcal_free(wc);
	store_close(store);
	free(dir0);
	free(dir1);
	cfg_release(&cfg);
	cal_ics_shutdown();
	return 0;
}
