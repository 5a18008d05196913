/*
 * compose.h - one notice e-mail per recipient (DESIGN.md §3 "Messages",
 * LIBNOTES.md "Invites that real clients accept").
 *
 *   multipart/mixed
 *     multipart/alternative
 *       text/plain; charset=UTF-8            (the recipient's language)
 *       text/html; charset=UTF-8
 *       text/calendar; method=REQUEST|CANCEL (announcement, update,
 *                                             cancellation only)
 *     application/ics; name="invite.ics"     (the same bytes)
 *
 * CRLF throughout, base64 bodies, RFC 2047 subjects and display names.
 * Texts come from template files (data/templates/KIND.LANG.tpl) that
 * operators may edit: three sections, "== subject ==", "== text ==" and
 * "== html ==", in the tpl.h language.  Nothing user-supplied reaches a
 * header except as an encoded-word or a checked address, so a CR/LF in a
 * title can never add a header.
 */
#ifndef NTF_COMPOSE_H
#define NTF_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/zone.h"

#define NTF_MESSAGE_MAX	(2 * 1024 * 1024)

struct ntf_templates;

struct ntf_sender {
	const char	*from_name;	/* display name, or NULL */
	const char	*from_email;	/* the organizer too */
	const char	*org_name;	/* who speaks in the text */
	const char	*public_url;	/* base of the links */
	const char	*list_id;	/* List-Id host part */
	struct cal_zone	*zone;		/* times shown in local time */
};

struct ntf_recipient {
	const char	*email;
	const char	*name;		/* or NULL */
	const char	*language;	/* "vi" or "en" */
	const char	*ack_url;	/* units: acknowledgement link, or NULL */
	const char	*unsubscribe_url; /* subscribers (RFC 8058), or NULL */
	const char	*confirm_url;	/* a subscription to confirm, or NULL */
	const char	*feed_url;	/* units: their private calendar feed */
	const char	*manage_url;	/* subscribers: change the choice */
};

/*
 * Loads every KIND.LANG.tpl of a directory; each must have the three
 * sections and render without error.  NULL with err naming the file.
 */
struct ntf_templates *ntf_templates_load(const char *dir, char *err,
	    size_t errlen);
void	ntf_templates_free(struct ntf_templates *);
/* True when a template exists for a kind in a language. */
bool	ntf_templates_have(const struct ntf_templates *, const char *kind,
	    const char *language);

/* Splits "Name <a@b>" (or "a@b") into its parts; -1 if not an address. */
int	ntf_parse_mailbox(const char *s, char **name, char **email);
/* True for an address we are willing to put in a header. */
bool	ntf_email_ok(const char *email);

/*
 * Composes one message.  notice is the maintenance as JSON text: uid,
 * sequence, start, end (epoch seconds), title[_en], description[_en],
 * impact, components [{name, name_en}], cancel_reason, url.  Returns the
 * message (caller frees, *len its length) or NULL with err set.
 */
char	*ntf_compose(const struct ntf_templates *, const struct ntf_sender *,
	    const char *kind, const char *notice,
	    const struct ntf_recipient *, const char *message_id, int64_t now,
	    size_t *len, char *err, size_t errlen);

#endif
