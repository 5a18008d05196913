/*
 * jsonv.c - strict JSON body reading; see jsonv.h.
 */
#include "common/jsonv.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void
set(struct jv_err *e, const char *code, const char *field, const char *fmt,
    ...)
{
	va_list	ap;

	snprintf(e->code, sizeof(e->code), "%s", code);
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

const char *
jv_unknown(json_t *o, const char *const *allowed)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	json_object_foreach(o, key, v) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			return key;
	}
	return NULL;
}

json_t *
jv_object(const char *text, size_t len, const char *const *allowed,
    bool empty_ok, struct jv_err *e)
{
	json_t		*j;
	json_error_t	 err;
	const char	*bad;

	if (len == 0 && empty_ok)
		return json_object();
	if ((j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err)) == NULL) {
		set(e, "invalid_json", NULL, "body: line %d column %d: %s",
		    err.line, err.column, err.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		set(e, "invalid_json", NULL, "body: must be a JSON object");
		return NULL;
	}
	if ((bad = jv_unknown(j, allowed)) != NULL) {
		set(e, "invalid_field", NULL, "unknown field '%.40s'", bad);
		json_decref(j);
		return NULL;
	}
	return j;
}

int
jv_string(json_t *o, const char *key, bool required, size_t max,
    bool multiline, const char **out, struct jv_err *e)
{
	json_t		*v = json_object_get(o, key);
	const char	*s;
	size_t		 i, len;

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (!required)
			return 0;
		set(e, "invalid_field", key, "%s: required", key);
		return -1;
	}
	if (!json_is_string(v)) {
		set(e, "invalid_field", key, "%s: must be a string", key);
		return -1;
	}
	s = json_string_value(v);
	len = json_string_length(v);
	if (len == 0 && required) {
		set(e, "invalid_field", key, "%s: must not be empty", key);
		return -1;
	}
	if (len > max) {
		set(e, "invalid_field", key, "%s: longer than %zu bytes", key,
		    max);
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned char	c = (unsigned char)s[i];

		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) ||
		    c == 0x7f) {
			set(e, "invalid_field", key, "%s: contains a control "
			    "character", key);
			return -1;
		}
	}
	*out = s;
	return 0;
}
