// lunar_check.js - compares every lunar month start of 1900-2199 computed by
// baotri (read from stdin: "YEAR MONTH LEAP START" per line, from
// build/tests/lunar_dump) with the same calendar rules applied to an
// independent precise ephemeris (npm astronomy-engine, VSOP87 + ELP based).
// Prints one line per mismatch and "N passed, N failed" (months compared).
'use strict';
const A = require('astronomy-engine');
const fs = require('fs');

const DAY = 86400000;
const OFF = 7 * 3600000;	// UTC+7, meridian 105°E
const localDay = (t) => Math.floor((t.date.getTime() + OFF) / DAY);
const fmt = (d) => new Date(d * DAY).toISOString().slice(0, 10);

// New moons and principal terms from 1898-10 to 2201-03.
const from = A.MakeTime(new Date(Date.UTC(1898, 9, 1)));
const until = Date.UTC(2201, 2, 1);
const moons = [];
for (let t = A.SearchMoonPhase(0, from, 40); t.date.getTime() < until;
    t = A.SearchMoonPhase(0, t.AddDays(1), 40))
	moons.push(localDay(t));
const terms = [];	// [localDay, longitude]
let lon = Math.ceil(A.SunPosition(from).elon / 30) * 30 % 360;
for (let t = A.SearchSunLongitude(lon, from, 40); t.date.getTime() < until;
    t = A.SearchSunLongitude(lon, t.AddDays(1), 40)) {
	terms.push([localDay(t), lon]);
	lon = (lon + 30) % 360;
}
// For each month, the principal terms it holds.
const held = moons.map((a, i) => terms.filter(([d]) => d >= a &&
    i + 1 < moons.length && d < moons[i + 1]).map(([, l]) => l));

const months = [];	// {start, year, month, leap}
let prev = -1;
for (let i = 0; i + 1 < moons.length; i++) {
	if (!held[i].includes(270))
		continue;
	if (prev >= 0) {
		let leap = -1;
		if (i - prev === 13)
			for (let j = prev + 1; j < i; j++)
				if (held[j].length === 0) { leap = j; break; }
		let year = new Date(moons[prev] * DAY).getUTCFullYear();
		let num = 10;
		for (let j = prev; j < i; j++) {
			if (j !== leap && ++num === 13) { num = 1; year++; }
			months.push({ start: moons[j], year, month: num,
			    leap: j === leap });
		}
	}
	prev = i;
}
const first = Date.UTC(1900, 0, 1) / DAY, last = Date.UTC(2199, 11, 31) / DAY;
const want = new Map(months.filter((m) => m.start >= first - 30 &&
    m.start <= last).map((m) => [m.start, m]));

let passed = 0, failed = 0;
const seen = new Set();
const input = fs.readFileSync(0, 'utf8').trim().split('\n');
for (const line of input) {
	const [y, m, leap, start] = line.split(' ');
	const d = Date.parse(start + 'T00:00:00Z') / DAY;
	const w = want.get(d);
	seen.add(d);
	if (w && w.year === +y && w.month === +m && w.leap === (leap === '1')) {
		passed++;
		continue;
	}
	failed++;
	console.log(`mismatch: baotri ${line}; ephemeris ` + (w ?
	    `${w.year} ${w.month} ${w.leap ? 1 : 0} ${fmt(w.start)}` :
	    'has no month starting that day'));
}
for (const [d, w] of want)
	if (d >= first && !seen.has(d)) {
		failed++;
		console.log(`missing: ephemeris month ${w.year}/${w.month}` +
		    `${w.leap ? ' leap' : ''} starting ${fmt(d)}`);
	}
console.log(`lunar: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
