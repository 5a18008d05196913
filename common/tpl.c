/*
 * tpl.c - the template renderer; see tpl.h.
 *
 * A single recursive pass over the text: render(from, to) writes the part
 * of the template between two offsets with a stack of contexts; a section
 * finds its matching close tag (same name, nesting counted) before it is
 * rendered, so a mismatched template fails before any output is used.
 */
#include "common/tpl.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"

#define MAX_DEPTH	16
#define NAME_MAX_LEN	64

struct ctx {
	const char	*text;
	struct buf	 out;
	json_t		*stack[MAX_DEPTH];
	int		 depth;
	enum tpl_escape	 esc;
	char		*err;
	size_t		 errlen;
	bool		 failed;
};

static int
error(struct ctx *c, const char *at, const char *fmt, ...)
{
	va_list	ap;
	int	line = 1;
	char	msg[200];

	for (const char *p = c->text; p < at; p++)
		line += *p == '\n';
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!c->failed)
		snprintf(c->err, c->errlen, "line %d: %s", line, msg);
	c->failed = true;
	return -1;
}

/* Looks a (dotted) name up through the context stack. */
static json_t *
lookup(struct ctx *c, const char *name)
{
	char	 part[NAME_MAX_LEN + 1];
	json_t	*v = NULL;
	int	 i;
	size_t	 n;

	if (strcmp(name, ".") == 0)
		return c->stack[c->depth - 1];
	n = strcspn(name, ".");
	snprintf(part, sizeof(part), "%.*s", (int)n, name);
	for (i = c->depth - 1; i >= 0 && v == NULL; i--)
		if (json_is_object(c->stack[i]))
			v = json_object_get(c->stack[i], part);
	for (name += n; v != NULL && *name == '.'; name += n) {
		name++;
		n = strcspn(name, ".");
		snprintf(part, sizeof(part), "%.*s", (int)n, name);
		v = json_object_get(v, part);
	}
	return v;
}

static bool
truthy(json_t *v)
{
	if (v == NULL || json_is_null(v) || json_is_false(v))
		return false;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return true;
}

static void
emit(struct ctx *c, json_t *v, bool raw)
{
	const char	*s;
	char		 num[64];

	if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(v));
		s = num;
	} else if (json_is_real(v)) {
		snprintf(num, sizeof(num), "%g", json_real_value(v));
		s = num;
	} else
		return;
	if (raw || c->esc == TPL_PLAIN) {
		buf_adds(&c->out, s);
		return;
	}
	/* Runs without a special character go in one copy. */
	for (;;) {
		size_t	n = strcspn(s, "&<>\"'");

		buf_add(&c->out, s, n);
		s += n;
		switch (*s) {
		case '\0': return;
		case '&': buf_adds(&c->out, "&amp;"); break;
		case '<': buf_adds(&c->out, "&lt;"); break;
		case '>': buf_adds(&c->out, "&gt;"); break;
		case '"': buf_adds(&c->out, "&quot;"); break;
		default: buf_adds(&c->out, "&#39;"); break;
		}
		s++;
	}
}

/* Reads a tag name between p and end into name; -1 if not a name. */
static int
tag_name(const char *p, const char *end, char *name)
{
	size_t	n;

	while (p < end && *p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	n = (size_t)(end - p);
	if (n == 0 || n > NAME_MAX_LEN)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' &&
		    p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') ||
		    p[i] == '_' || p[i] == '.' || p[i] == '-'))
			return -1;
	memcpy(name, p, n);
	name[n] = '\0';
	return 0;
}

/* Finds the {{/name}} closing the section whose body starts at p. */
static const char *
find_close(struct ctx *c, const char *p, const char *to, const char *name,
    const char **after)
{
	int		 nest = 0;
	const char	*o, *e;
	char		 n[NAME_MAX_LEN + 1];

	for (; (o = strstr(p, "{{")) != NULL && o < to; p = e + 2) {
		if ((e = strstr(o + 2, "}}")) == NULL || e > to)
			return NULL;
		if ((o[2] == '#' || o[2] == '^') &&
		    tag_name(o + 3, e, n) == 0 && strcmp(n, name) == 0)
			nest++;
		else if (o[2] == '/' && tag_name(o + 3, e, n) == 0 &&
		    strcmp(n, name) == 0 && nest-- == 0) {
			*after = e + 2;
			return o;
		}
	}
	(void)c;
	return NULL;
}

static int
render(struct ctx *c, const char *p, const char *to)
{
	const char	*o, *e, *close, *after;
	char		 name[NAME_MAX_LEN + 1];
	json_t		*v, *item;
	size_t		 i;

	while (p < to && !c->failed) {
		o = strstr(p, "{{");
		if (o == NULL || o >= to) {
			buf_add(&c->out, p, (size_t)(to - p));
			break;
		}
		buf_add(&c->out, p, (size_t)(o - p));
		if (o[2] == '{') {
			if ((e = strstr(o + 3, "}}}")) == NULL || e >= to ||
			    tag_name(o + 3, e, name) == -1)
				return error(c, o, "bad {{{ tag");
			if ((v = lookup(c, name)) != NULL)
				emit(c, v, true);
			p = e + 3;
			continue;
		}
		if ((e = strstr(o + 2, "}}")) == NULL || e >= to)
			return error(c, o, "unclosed {{");
		if (o[2] == '!') {
			p = e + 2;
			continue;
		}
		if (o[2] == '/')
			return error(c, o, "{{/...}} without a section");
		if (o[2] == '#' || o[2] == '^') {
			if (tag_name(o + 3, e, name) == -1)
				return error(c, o, "bad section name");
			if ((close = find_close(c, e + 2, to, name, &after)) ==
			    NULL)
				return error(c, o, "section '%s' is not closed",
				    name);
			v = lookup(c, name);
			if (o[2] == '^') {
				if (!truthy(v))
					render(c, e + 2, close);
			} else if (json_is_array(v)) {
				if (c->depth == MAX_DEPTH)
					return error(c, o, "too deep");
				json_array_foreach(v, i, item) {
					c->stack[c->depth++] = item;
					render(c, e + 2, close);
					c->depth--;
				}
			} else if (truthy(v)) {
				if (c->depth == MAX_DEPTH)
					return error(c, o, "too deep");
				c->stack[c->depth++] = v;
				render(c, e + 2, close);
				c->depth--;
			}
			p = after;
			continue;
		}
		if (tag_name(o + 2, e, name) == -1)
			return error(c, o, "bad tag");
		if ((v = lookup(c, name)) != NULL)
			emit(c, v, false);
		p = e + 2;
	}
	return c->failed ? -1 : 0;
}

char *
tpl_render(const char *text, json_t *data, enum tpl_escape esc, size_t max,
    char *err, size_t errlen)
{
	struct ctx	c;

	memset(&c, 0, sizeof(c));
	c.text = text;
	c.esc = esc;
	c.err = err;
	c.errlen = errlen;
	c.stack[c.depth++] = data;
	buf_init(&c.out, max);
	render(&c, text, text + strlen(text));
	if (!c.failed && buf_is_toobig(&c.out)) {
		snprintf(err, errlen, "output longer than %zu bytes", max);
		c.failed = true;
	}
	if (c.failed) {
		buf_release(&c.out);
		return NULL;
	}
	return buf_detach(&c.out, NULL);
}
