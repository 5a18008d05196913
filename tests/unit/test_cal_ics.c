/*
 * test_cal_ics.c - calendar/ics: export of the working calendar and import
 * of holiday calendars as overrides, including files that must be refused.
 */
#include "calfix.h"

#include <libical/ical.h>

#include "calendar/ics.h"
#include "calendar/zone.h"

static struct cal_lunar_table	*lunar;
static struct cal_calendar	*cal;

static int
setup(void **state)
{
	(void)state;
	lunar = cal_lunar_table_new();
	cal = calfix_new(lunar);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	cal_calendar_free(cal);
	cal_lunar_table_free(lunar);
	cal_ics_shutdown();
	return 0;
}

static int
count(const char *hay, const char *needle)
{
	int	n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

static void
test_cal_ics_export_2026(void **state)
{
	struct cal_err	 err;
	char		*s;

	(void)state;
	s = cal_ics_export(cal, "Asia/Ho_Chi_Minh", 2026, 2026, 1766620800,
	    "test.example", &err);
	assert_non_null(s);
	assert_non_null(strstr(s, "BEGIN:VCALENDAR\r\n"));
	assert_non_null(strstr(s, "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n"));
	assert_null(strstr(s, "freeassociation"));
	assert_non_null(strstr(s, "TZOFFSETTO:+0700"));
	/* Tết 14-22 Feb as one event, DTEND exclusive. */
	assert_non_null(strstr(s, "DTSTART;VALUE=DATE:20260214\r\n"
	    "DTEND;VALUE=DATE:20260223\r\n"));
	assert_non_null(strstr(s, "UID:holiday-20260214-holiday@test.example"));
	/* Working Saturdays are there, marked. */
	assert_non_null(strstr(s, "DTSTART;VALUE=DATE:20260110\r\n"));
	assert_int_equal(count(s, "X-BAOTRI-KIND:swapped_work"), 2);
	assert_non_null(strstr(s, "DTSTAMP:20251225T000000Z"));
	/* Nothing of 2025 or 2027. */
	assert_null(strstr(s, "VALUE=DATE:2025"));
	assert_null(strstr(s, "VALUE=DATE:2027"));
	free(s);
	assert_null(cal_ics_export(cal, "Asia/Ho_Chi_Minh", 2026, 2040, 0,
	    "x", &err));
	assert_null(cal_ics_export(cal, "Mars/Olympus", 2026, 2026, 0, "x",
	    &err));
	assert_non_null(strstr(err.msg, "Mars/Olympus"));
}

/* Export, import into a bare calendar as overrides: same working days. */
static void
test_cal_ics_roundtrip(void **state)
{
	struct cal_calendar	*bare = cal_calendar_new(lunar);
	struct cal_override	*o;
	struct cal_err		 err;
	size_t			 n, skipped;
	int32_t			 d;
	char			*s;

	(void)state;
	s = cal_ics_export(cal, "Asia/Ho_Chi_Minh", 2025, 2026, 0, "x", &err);
	assert_non_null(s);
	assert_int_equal(cal_ics_import(s, strlen(s), "roundtrip", &o, &n,
	    &skipped, &err), 0);
	assert_int_equal(skipped, 0);
	assert_true(n > 40);
	assert_int_equal(cal_calendar_set_overrides(bare, o, n, &err), 0);
	/* Clear the statutory layer's guesses of those years first. */
	for (d = calfix_day("2025-01-01"); d <= calfix_day("2026-12-31"); d++) {
		struct cal_day	a;

		cal_calendar_day(bare, d, &a, NULL);
		if (a.layer == CAL_LAYER_STATUTORY) {
			struct cal_override c = { d, CAL_OVERRIDE_CLEAR, "x",
			    NULL };

			assert_int_equal(cal_calendar_put_override(bare, &c,
			    &err), 0);
		}
	}
	for (d = calfix_day("2025-01-01"); d <= calfix_day("2026-12-31"); d++)
		assert_int_equal(cal_calendar_is_working(bare, d, true),
		    cal_calendar_is_working(cal, d, true));
	cal_overrides_free(o, n);
	cal_calendar_free(bare);
	free(s);
}

static const char	*head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
			    "PRODID:-//test//x//EN\r\n";

/* Imports head + body + END; returns the error or NULL. */
static const char *
import(const char *body, size_t *n, size_t *skipped)
{
	static struct cal_err	 err;
	struct cal_override	*o = NULL;
	char			*s;
	size_t			 nn = 0, sk = 0;
	int			 rc;

	nn = strlen(head) + strlen(body) + 32;
	s = malloc(nn);
	snprintf(s, nn, "%s%sEND:VCALENDAR\r\n", head, body);
	nn = 0;
	rc = cal_ics_import(s, strlen(s), "test", &o, &nn, &sk, &err);
	free(s);
	if (rc == 0)
		cal_overrides_free(o, nn);
	if (n != NULL)
		*n = nn;
	if (skipped != NULL)
		*skipped = sk;
	return rc == 0 ? NULL : err.msg;
}

static void
test_cal_ics_import_kinds_and_skips(void **state)
{
	struct cal_override	*o;
	struct cal_err		 err;
	size_t			 n, skipped;
	char			 text[1024];

	(void)state;
	snprintf(text, sizeof(text), "%s"
	    "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20261101T000000Z\r\n"
	    "DTSTART;VALUE=DATE:20261124\r\nSUMMARY:Ngày Văn hóa Việt Nam\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20261101T000000Z\r\n"
	    "DTSTART;VALUE=DATE:20261128\r\nDTEND;VALUE=DATE:20261129\r\n"
	    "SUMMARY:Làm bù\r\nX-BAOTRI-KIND:swapped_work\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20261101T000000Z\r\n"
	    "DTSTART:20261201T090000Z\r\nSUMMARY:meeting\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20261101T000000Z\r\n"
	    "DTSTART;VALUE=DATE:20261203\r\nSTATUS:CANCELLED\r\n"
	    "SUMMARY:cancelled\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:e\r\nDTSTAMP:20261101T000000Z\r\n"
	    "DTSTART;VALUE=DATE:20261230\r\nDTEND;VALUE=DATE:20270102\r\n"
	    "SUMMARY:Nghỉ cuối năm\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n", head);
	assert_int_equal(cal_ics_import(text, strlen(text), "upload.ics", &o,
	    &n, &skipped, &err), 0);
	assert_int_equal(n, 5);
	assert_int_equal(skipped, 1);
	assert_int_equal(o[0].days, calfix_day("2026-11-24"));
	assert_int_equal(o[0].kind, CAL_OVERRIDE_OFF);
	assert_string_equal(o[0].name, "Ngày Văn hóa Việt Nam");
	assert_string_equal(o[0].source, "upload.ics");
	assert_int_equal(o[1].kind, CAL_OVERRIDE_WORK);
	assert_int_equal(o[2].days, calfix_day("2026-12-30"));
	assert_int_equal(o[4].days, calfix_day("2027-01-01"));
	cal_overrides_free(o, n);
}

static void
test_cal_ics_import_refuses_bad_files(void **state)
{
	struct cal_override	*o;
	struct cal_err		 err;
	size_t			 n, skipped;
	const char		*msg;

	(void)state;
	assert_int_equal(cal_ics_import("garbage", 7, NULL, &o, &n, &skipped,
	    &err), -1);
	assert_non_null(strstr(err.msg, "not an iCalendar"));
	assert_int_equal(cal_ics_import("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
	    31, NULL, &o, &n, &skipped, &err), -1);
	assert_int_equal(cal_ics_import("BEGIN:VEVENT\r\nEND:VEVENT\r\n", 26,
	    NULL, &o, &n, &skipped, &err), -1);
	assert_int_equal(cal_ics_import("BEGIN:VCALENDAR\0x", 17, NULL, &o, &n,
	    &skipped, &err), -1);
	assert_non_null(strstr(err.msg, "NUL"));
	msg = import("BEGIN:VEVENT\r\nUID:r\r\nDTSTART;VALUE=DATE:20260101\r\n"
	    "RRULE:FREQ=YEARLY\r\nSUMMARY:x\r\nEND:VEVENT\r\n", NULL, NULL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "RRULE"));
	assert_non_null(strstr(msg, "UID r"));
	msg = import("BEGIN:VEVENT\r\nUID:s\r\nDTSTART;VALUE=DATE:20260101\r\n"
	    "END:VEVENT\r\n", NULL, NULL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "SUMMARY"));
	msg = import("BEGIN:VEVENT\r\nUID:t\r\nDTSTART;VALUE=DATE:20260101\r\n"
	    "DTEND;VALUE=DATE:20260301\r\nSUMMARY:x\r\nEND:VEVENT\r\n", NULL,
	    NULL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "31 days"));
	msg = import("BEGIN:VEVENT\r\nUID:u\r\nDTSTART;VALUE=DATE:23000101\r\n"
	    "SUMMARY:x\r\nEND:VEVENT\r\n", NULL, NULL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "out of range"));
	msg = import("BEGIN:VEVENT\r\nUID:v\r\nDTSTART;VALUE=DATE:2026x101\r\n"
	    "SUMMARY:x\r\nEND:VEVENT\r\n", NULL, NULL);
	assert_non_null(msg);
	msg = import("BEGIN:VEVENT\r\nUID:w\r\nDTSTART;VALUE=DATE:20260101\r\n"
	    "SUMMARY:a\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:w2\r\n"
	    "DTSTART;VALUE=DATE:20260101\r\nSUMMARY:b\r\nEND:VEVENT\r\n",
	    NULL, NULL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "two events"));
	assert_null(import("", &n, &skipped));
	assert_int_equal(n, 0);
}

/* The lock-free offset cache never answers for another second. */
static void
test_cal_zone_offsets_and_texts(void **state)
{
	struct cal_err	 err;
	struct cal_zone	*z = cal_zone_new("Asia/Ho_Chi_Minh", &err);
	int64_t		 before = 171820799, after = 171820800; /* 1975-06-12 */
	int64_t		 now = 1796914800;	/* 2026-12-10T15:00:00Z */
	char		 out[80];
	int		 i;

	(void)state;
	assert_non_null(z);
	for (i = 0; i < 3; i++) {
		assert_int_equal(cal_zone_offset(z, before), 8 * 3600);
		assert_int_equal(cal_zone_offset(z, before), 8 * 3600);
		assert_int_equal(cal_zone_offset(z, after), 7 * 3600);
		assert_int_equal(cal_zone_offset(z, now), 7 * 3600);
		assert_int_equal(cal_zone_offset(z, -820000000), 8 * 3600);
	}
	cal_zone_text(z, now, true, out, sizeof(out));
	assert_string_equal(out, "22:00 Thứ Năm 10/12/2026");
	cal_zone_text(z, now, false, out, sizeof(out));
	assert_string_equal(out, "22:00 Thu 10 Dec 2026 (UTC+07:00)");
	cal_zone_rfc5322(z, now, out, sizeof(out));
	assert_string_equal(out, "Thu, 10 Dec 2026 22:00:00 +0700");
	cal_zone_free(z);
}

/* A feed of several years, then an invite: each has its own VTIMEZONE. */
static void
test_cal_ics_feed_and_invite(void **state)
{
	struct cal_ics_event	 ev[2];
	struct cal_err		 err;
	char			*feed, *inv;

	(void)state;
	memset(ev, 0, sizeof(ev));
	ev[0].uid = "a@x";
	ev[0].start = 1796914800;
	ev[0].end = ev[0].start + 3600;
	ev[0].summary = "Bảo trì";
	ev[1] = ev[0];
	ev[1].uid = "b@x";
	ev[1].start = 1956000000;	/* 2031 */
	ev[1].end = ev[1].start + 3600;
	ev[1].cancel = true;
	feed = cal_ics_feed(ev, 2, "Asia/Ho_Chi_Minh", "Lịch", &err);
	assert_non_null(feed);
	assert_int_equal(count(feed, "METHOD:PUBLISH"), 1);
	assert_int_equal(count(feed, "BEGIN:VTIMEZONE"), 1);
	assert_int_equal(count(feed, "BEGIN:VEVENT"), 2);
	assert_int_equal(count(feed, "STATUS:CANCELLED"), 1);
	assert_int_equal(count(feed, "ORGANIZER"), 0);
	assert_int_equal(count(feed, "X-WR-CALNAME:Lịch"), 1);
	ev[0].organizer_email = "noreply@example.gov.vn";
	ev[0].attendee_email = "a@example.gov.vn";
	inv = cal_ics_invite(&ev[0], "Asia/Ho_Chi_Minh", &err);
	assert_non_null(inv);
	assert_int_equal(count(inv, "METHOD:REQUEST"), 1);
	assert_int_equal(count(inv, "TZID:Asia/Ho_Chi_Minh"), 1);
	assert_int_equal(count(inv, "DTSTART;TZID=Asia/Ho_Chi_Minh:20261210T220000"), 1);
	assert_int_equal(count(inv, "ATTENDEE"), 1);
	assert_null(cal_ics_feed(ev, 1, "Nowhere/Nothing", NULL, &err));
	free(feed);
	free(inv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cal_ics_export_2026),
		cmocka_unit_test(test_cal_ics_roundtrip),
		cmocka_unit_test(test_cal_ics_import_kinds_and_skips),
		cmocka_unit_test(test_cal_ics_import_refuses_bad_files),
		cmocka_unit_test(test_cal_zone_offsets_and_texts),
		cmocka_unit_test(test_cal_ics_feed_and_invite),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
