// ics_feed.js FILE - reads a calendar feed with Mozilla's ical.js and prints
// its METHOD, name and every VEVENT (uid, sequence, start and end in UTC,
// status, summary) as JSON.  The VTIMEZONE in the file gives the offset.
'use strict';
const ICAL = require('ical.js');
const fs = require('fs');

const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(process.argv[2],
    'utf8')));
for (const tz of comp.getAllSubcomponents('vtimezone'))
	ICAL.TimezoneService.register(tz);
console.log(JSON.stringify({
	method: comp.getFirstPropertyValue('method'),
	name: comp.getFirstPropertyValue('x-wr-calname'),
	events: comp.getAllSubcomponents('vevent').map((v) => {
		const e = new ICAL.Event(v);
		return {
			uid: e.uid,
			sequence: e.sequence,
			start: e.startDate.toJSDate().toISOString(),
			end: e.endDate.toJSDate().toISOString(),
			status: v.getFirstPropertyValue('status'),
			summary: e.summary,
		};
	}),
}));
