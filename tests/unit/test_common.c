/* test_common.c - common/: bounded buffer, number parsing, allocators. */
#include "test.h"

#include "common/buf.h"
#include "common/num.h"
#include "common/xmalloc.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_add_within_cap),
		cmocka_unit_test(test_buf_add_over_cap_adds_nothing),
		cmocka_unit_test(test_buf_detach_hands_over),
		cmocka_unit_test(test_num_parse_bounds),
		cmocka_unit_test(test_xasprintf_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
