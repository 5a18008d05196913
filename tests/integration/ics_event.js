// ics_event.js FILE - reads an iMIP calendar (from an invite) with Mozilla's
// ical.js and prints its METHOD and first VEVENT as JSON: uid, sequence,
// start and end in UTC (ISO), status, organizer, attendees.  ical.js has no
// zone database: the VTIMEZONE in the file must carry the offset.
'use strict';
const ICAL = require('ical.js');
const fs = require('fs');

const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(process.argv[2],
    'utf8')));
for (const tz of comp.getAllSubcomponents('vtimezone'))
	ICAL.TimezoneService.register(tz);
const v = comp.getFirstSubcomponent('vevent');
const e = new ICAL.Event(v);
console.log(JSON.stringify({
	method: comp.getFirstPropertyValue('method'),
	uid: e.uid,
	sequence: e.sequence,
	start: e.startDate.toJSDate().toISOString(),
	end: e.endDate.toJSDate().toISOString(),
	status: v.getFirstPropertyValue('status'),
	organizer: v.getFirstPropertyValue('organizer'),
	attendees: v.getAllProperties('attendee').map((p) => p.getFirstValue()),
	summary: e.summary,
}));
