/*
 * zone.h - local time of a named IANA zone (Asia/Ho_Chi_Minh by default),
 * without the process's TZ or locale.
 *
 * The zone data comes from libical's built-in zones, which read the system's
 * tzdata (the tzdata package).  Vietnam has kept +07:00 since 1975, but
 * nothing here assumes a fixed offset or the absence of DST.  A zone may be
 * used by several threads: calls are serialised inside.
 */
#ifndef CAL_ZONE_H
#define CAL_ZONE_H

#include <stdint.h>

#include "calendar/date.h"

#define CAL_ZONE_DEFAULT	"Asia/Ho_Chi_Minh"

struct cal_zone;

/* Opens a zone by IANA name ("UTC" too); -1/NULL with err if unknown. */
struct cal_zone *cal_zone_new(const char *tzid, struct cal_err *err);
void	cal_zone_free(struct cal_zone *);
/* The IANA name; lives as long as the zone. */
const char *cal_zone_tzid(const struct cal_zone *);
/* Offset from UTC in seconds (east positive) in force at an instant. */
int	cal_zone_offset(struct cal_zone *, int64_t at);
/* The local day number of an instant. */
int32_t	cal_zone_day(struct cal_zone *, int64_t at);
/* The instant of local midnight starting a day. */
int64_t	cal_zone_day_start(struct cal_zone *, int32_t days);

/*
 * The local time of an instant for people: "22:00 Thứ Năm 10/12/2026"
 * (vi) or "22:00 Thu 10 Dec 2026 (UTC+07:00)" (en); our own names, no
 * locale.
 */
void	cal_zone_text(struct cal_zone *, int64_t at, bool vi, char *out,
	    size_t len);

/* The RFC 5322 Date: of an instant in the zone's offset. */
void	cal_zone_rfc5322(struct cal_zone *, int64_t at, char *out, size_t len);

#endif
