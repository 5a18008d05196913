/*
 * cfg.h - the daemon's settings: built-in defaults, then the INI file
 * (libinih), then command-line flags, later ones winning (DESIGN.md §4).
 *
 *   [server]  listen = 127.0.0.1:8080   public_url = https://...
 *             threads = 2 (HTTP worker threads, 1-64)
 *   [store]   data_dir = /var/lib/baotri    share_dir = /usr/share/baotri
 *   [notice]  working_days = 5   count_swapped_saturdays = yes
 *             timezone = Asia/Ho_Chi_Minh
 *   [workflow] four_eyes = yes   auto_complete = yes
 *   [mail]    from, relay, tls, user, password_file, workers = 4,
 *             retry_hours = 48, admin_alerts = a@b, c@d,
 *             reminder_days = 1 (0: none), reminder_time = 09:00
 *
 * Unknown sections and keys are errors naming the line, so a typo is never
 * silently ignored.
 */
#ifndef CFG_H
#define CFG_H

#include <stdbool.h>
#include <stddef.h>

struct cfg {
	char	*listen;
	int	 threads;	/* [server] threads: HTTP worker threads */
	char	*public_url;
	char	*data_dir;
	char	*share_dir;	/* holds holidays/YYYY.json */
	int	 working_days;
	bool	 count_swapped;
	char	*timezone;
	char	*mail_from;
	char	*mail_relay;
	char	*mail_tls;
	char	*mail_user;
	char	*mail_password_file;
	char	*mail_ca_file;	/* the relay's CA, if private */
	char	*mail_admin_alerts;	/* "a@b, c@d" */
	int	 mail_workers;
	int	 mail_retry_hours;
	int	 reminder_days;		/* [mail] reminder_days = 1 */
	int	 reminder_minute;	/* [mail] reminder_time = 09:00 */
	bool	 four_eyes;	/* [workflow] four_eyes = yes */
	bool	 auto_complete;	/* [workflow] auto_complete = yes */
};

/* Fills in the built-in defaults. */
void	cfg_init(struct cfg *);
void	cfg_release(struct cfg *);
/* Reads an INI file over the current values; -1 (logged) on error. */
int	cfg_load(struct cfg *, const char *path);
/* Sets one value by section and key, checking it; -1 with msg on error. */
int	cfg_set(struct cfg *, const char *section, const char *key,
	    const char *value, char *msg, size_t msglen);

/* The settings as JSON for the console, without secrets (caller frees). */
char	*cfg_json(const struct cfg *);

#endif
