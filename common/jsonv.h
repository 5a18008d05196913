/*
 * jsonv.h - strict reading of JSON request bodies (Jansson), shared by the
 * API and the workflow so that every body is judged by one set of rules:
 * an object, no duplicate or unknown members, strings bounded, UTF-8 (by
 * Jansson), without control characters unless multi-line text is allowed.
 *
 * Failures fill a struct jv_err naming the field, which callers turn into a
 * 400 answer.  Jansson's type is named by its struct tag here, so this
 * header does not include jansson.h.
 */
#ifndef JSONV_H
#define JSONV_H

#include <stdbool.h>
#include <stddef.h>

struct json_t;

struct jv_err {
	char	code[32];	/* invalid_json | invalid_field */
	char	field[32];	/* "" when no single field is to blame */
	char	msg[256];
};

/*
 * Parses text as a JSON object whose members are all in allowed
 * (NULL-terminated).  An empty text gives an empty object when empty_ok.
 * Returns a new reference, or NULL with err set.
 */
struct json_t *jv_object(const char *text, size_t len,
	    const char *const *allowed, bool empty_ok, struct jv_err *err);
/* The first member of o not in allowed, or NULL. */
const char *jv_unknown(struct json_t *o, const char *const *allowed);
/*
 * Reads a string member: 0 with *out (NULL when absent and not required),
 * or -1 with err when it is missing but required, not a string, empty but
 * required, longer than max bytes, or holds control characters (newline
 * and tab allowed when multiline).
 */
int	jv_string(struct json_t *o, const char *key, bool required, size_t max,
	    bool multiline, const char **out, struct jv_err *err);

#endif
