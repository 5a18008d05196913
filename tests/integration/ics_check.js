// ics_check.js FILE - parses a holidays.ics written by baotrid with Mozilla's
// ical.js (Thunderbird's parser) and prints one JSON line per event:
// {"uid", "summary", "start", "end", "kind"}, so the Python test can compare
// it with the API.  Exits non-zero if ical.js refuses the file or the
// VTIMEZONE is missing.
'use strict';
const ICAL = require('ical.js');
const fs = require('fs');

const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(process.argv[2],
    'utf8')));
const vtz = comp.getFirstSubcomponent('vtimezone');
if (!vtz || vtz.getFirstPropertyValue('tzid') !== 'Asia/Ho_Chi_Minh') {
	console.error('ics_check: no VTIMEZONE for Asia/Ho_Chi_Minh');
	process.exit(1);
}
for (const v of comp.getAllSubcomponents('vevent')) {
	const e = new ICAL.Event(v);
	if (!e.startDate.isDate || !e.endDate.isDate) {
		console.error(`ics_check: ${e.uid} is not all-day`);
		process.exit(1);
	}
	console.log(JSON.stringify({ uid: e.uid, summary: e.summary,
	    start: e.startDate.toString(), end: e.endDate.toString(),
	    kind: v.getFirstPropertyValue('x-baotri-kind') }));
}
