/*
 * tpl.h - a small Mustache-like template language over Jansson values,
 * for mail bodies and, later, the web pages.  Mustache for C is not
 * packaged in Debian; this is the subset we need:
 *
 *   {{name}}          the value, escaped for the output (HTML: & < > " ')
 *   {{{name}}}        the value unescaped (only for text we generated)
 *   {{a.b}}           a member of a member
 *   {{#name}}..{{/name}}  once if the value is true/non-empty/an object,
 *                     once per element of an array (the element is the
 *                     context, {{.}} names it)
 *   {{^name}}..{{/name}}  once if the value is false/empty/missing
 *   {{! comment }}
 *
 * Names are looked up in the innermost context first, then outwards.
 * Numbers print as integers or reals; true/false/null print nothing.
 * The output is bounded; a template with an unclosed or mismatched section
 * is an error naming the line.
 */
#ifndef TPL_H
#define TPL_H

#include <stdbool.h>
#include <stddef.h>

struct json_t;

enum tpl_escape {
	TPL_PLAIN = 0,		/* text/plain: no escaping */
	TPL_HTML		/* text/html */
};

/*
 * Renders text with the data (an object).  Returns a new string (caller
 * frees), or NULL with a message in err.
 */
char	*tpl_render(const char *text, struct json_t *data, enum tpl_escape,
	    size_t max, char *err, size_t errlen);

#endif
