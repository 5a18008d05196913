/* test_common.c - common/: bounded buffer, number parsing, allocators. */
#include "test.h"

#include "common/buf.h"
#include "common/num.h"
#include "common/tpl.h"
#include "common/xmalloc.h"

#include <jansson.h>

static void
test_buf_add_within_cap(void **state)
{
	struct buf	b;

	(void)state;
	buf_init(&b, 10);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_adds(&b, "hello"), 0);
	assert_int_equal(buf_addf(&b, "%d", 1234), 0);
	assert_string_equal(buf_str(&b), "hello1234");
	assert_int_equal(b.len, 9);
	assert_false(buf_is_toobig(&b));
	buf_release(&b);
}

static void
test_buf_add_over_cap_adds_nothing(void **state)
{
	struct buf	b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "abcdef"), 0);
	assert_int_equal(buf_adds(&b, "xyz"), -1);	/* would be 9 */
	assert_string_equal(buf_str(&b), "abcdef");
	assert_true(buf_is_toobig(&b));
	assert_int_equal(buf_addf(&b, "%s", "123"), -1);
	assert_string_equal(buf_str(&b), "abcdef");
	assert_int_equal(buf_add(&b, "gh", 2), 0);	/* exactly 8 fits */
	assert_string_equal(buf_str(&b), "abcdefgh");
	buf_reset(&b);
	assert_false(buf_is_toobig(&b));
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void
test_buf_detach_hands_over(void **state)
{
	struct buf	 b;
	char		*s;
	size_t		 len;

	(void)state;
	buf_init(&b, 1024);
	for (int i = 0; i < 100; i++)
		assert_int_equal(buf_addc(&b, 'a' + i % 26), 0);
	s = buf_detach(&b, &len);
	assert_int_equal(len, 100);
	assert_int_equal(strlen(s), 100);
	assert_int_equal(b.len, 0);
	assert_null(b.data);
	free(s);
}

static void
test_num_parse_bounds(void **state)
{
	int64_t	v = 42;

	(void)state;
	assert_int_equal(num_parse("2026", 4, 1900, 2199, &v), 0);
	assert_int_equal(v, 2026);
	assert_int_equal(num_parse("-12", 3, -100, 100, &v), 0);
	assert_int_equal(v, -12);
	v = 7;
	assert_int_equal(num_parse("2200", 4, 1900, 2199, &v), -1);
	assert_int_equal(num_parse("", 0, 0, 9, &v), -1);
	assert_int_equal(num_parse("-", 1, -9, 9, &v), -1);
	assert_int_equal(num_parse("+5", 2, 0, 9, &v), -1);
	assert_int_equal(num_parse(" 5", 2, 0, 9, &v), -1);
	assert_int_equal(num_parse("5x", 2, 0, 99, &v), -1);
	assert_int_equal(num_parse("9999999999999999999", 19, 0, INT64_MAX,
	    &v), -1);
	assert_int_equal(v, 7);		/* untouched on failure */
	assert_int_equal(num_parse("12345", 2, 0, 99, &v), 0);	/* len */
	assert_int_equal(v, 12);
}

static void
test_xasprintf_formats(void **state)
{
	char	*s;

	(void)state;
	s = xasprintf("%s-%04d", "năm", 2026);
	assert_string_equal(s, "năm-2026");
	free(s);
}

/* Renders with data given as JSON text; returns the output or the error. */
static char *
render(const char *tpl, const char *data, enum tpl_escape esc, size_t max)
{
	json_t	*j = json_loads(data, 0, NULL);
	char	 err[256], *out;

	assert_non_null(j);
	out = tpl_render(tpl, j, esc, max, err, sizeof(err));
	json_decref(j);
	return out != NULL ? out : xasprintf("ERROR %s", err);
}

static void
check_render(const char *tpl, const char *data, enum tpl_escape esc,
    const char *want)
{
	char	*got = render(tpl, data, esc, 4096);

	assert_string_equal(got, want);
	free(got);
}

static void
test_tpl_render_variables_and_escaping(void **state)
{
	(void)state;
	check_render("Xin chào {{name}}!", "{\"name\":\"Lan\"}", TPL_PLAIN,
	    "Xin chào Lan!");
	check_render("<p>{{t}}</p>", "{\"t\":\"<b>&'\\\"\"}", TPL_HTML,
	    "<p>&lt;b&gt;&amp;&#39;&quot;</p>");
	check_render("{{{t}}}", "{\"t\":\"<b>\"}", TPL_HTML, "<b>");
	check_render("{{t}}", "{\"t\":\"<b>\"}", TPL_PLAIN, "<b>");
	check_render("{{m.title}} {{n}} {{x}}|", "{\"m\":{\"title\":\"A\"},"
	    "\"n\":5}", TPL_PLAIN, "A 5 |");
	check_render("{{! note }}a", "{}", TPL_PLAIN, "a");
	/* Escaping copies the runs between special characters whole. */
	check_render("{{t}}", "{\"t\":\"Tiêu đề & <dài> \\\"x\\\" 'y' cuối\"}",
	    TPL_HTML, "Tiêu đề &amp; &lt;dài&gt; &quot;x&quot; &#39;y&#39; cuối");
	check_render("[{{t}}]", "{\"t\":\"&&\"}", TPL_HTML, "[&amp;&amp;]");
}

static void
test_buf_reserve_keeps_contents_and_cap(void **state)
{
	struct buf	b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_adds(&b, "abc"), 0);
	assert_int_equal(buf_reserve(&b, 1000), 0);	/* capped at 100 */
	assert_string_equal(buf_str(&b), "abc");
	assert_true(b.alloc >= 101 && b.alloc <= 101 + 64);
	assert_int_equal(buf_addc(&b, 'd'), 0);
	assert_string_equal(buf_str(&b), "abcd");
	while (b.len < 100)
		assert_int_equal(buf_addc(&b, 'x'), 0);
	assert_int_equal(buf_addc(&b, 'y'), -1);	/* the cap holds */
	assert_int_equal(b.len, 100);
	assert_true(buf_is_toobig(&b));
	buf_release(&b);
}

static void
test_tpl_render_sections(void **state)
{
	(void)state;
	check_render("{{#c}}[{{.}}]{{/c}}", "{\"c\":[\"a\",\"b\"]}",
	    TPL_PLAIN, "[a][b]");
	check_render("{{#u}}{{name}} {{lang}}{{/u}}", "{\"u\":{\"name\":\"N\"},"
	    "\"lang\":\"vi\"}", TPL_PLAIN, "N vi");
	check_render("{{#f}}yes{{/f}}{{^f}}no{{/f}}", "{\"f\":false}",
	    TPL_PLAIN, "no");
	check_render("{{#f}}yes{{/f}}{{^f}}no{{/f}}", "{\"f\":true}",
	    TPL_PLAIN, "yes");
	check_render("{{^e}}empty{{/e}}", "{\"e\":[]}", TPL_PLAIN, "empty");
	check_render("{{#a}}{{#a}}x{{/a}}{{/a}}", "{\"a\":[1,2]}", TPL_PLAIN,
	    "xxxx");
}

static void
test_tpl_render_errors(void **state)
{
	char	*got;

	(void)state;
	got = render("a\n{{#s}}x", "{\"s\":1}", TPL_PLAIN, 100);
	assert_string_equal(got, "ERROR line 2: section 's' is not closed");
	free(got);
	got = render("{{/s}}", "{}", TPL_PLAIN, 100);
	assert_non_null(strstr(got, "without a section"));
	free(got);
	got = render("{{bad name}}", "{}", TPL_PLAIN, 100);
	assert_non_null(strstr(got, "bad tag"));
	free(got);
	got = render("{{x", "{}", TPL_PLAIN, 100);
	assert_non_null(strstr(got, "unclosed"));
	free(got);
	got = render("{{#a}}0123456789{{/a}}", "{\"a\":[1,2,3]}", TPL_PLAIN,
	    25);
	assert_non_null(strstr(got, "longer than 25"));
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_add_within_cap),
		cmocka_unit_test(test_buf_add_over_cap_adds_nothing),
		cmocka_unit_test(test_buf_detach_hands_over),
		cmocka_unit_test(test_num_parse_bounds),
		cmocka_unit_test(test_xasprintf_formats),
		cmocka_unit_test(test_tpl_render_variables_and_escaping),
		cmocka_unit_test(test_buf_reserve_keeps_contents_and_cap),
		cmocka_unit_test(test_tpl_render_sections),
		cmocka_unit_test(test_tpl_render_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
