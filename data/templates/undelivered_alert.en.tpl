{{! Alert: the notice deadline has come and some unit has not been told. }}
== subject ==
[Alert] Notice of "{{title}}" has not reached every unit
== text ==
The maintenance "{{title}}" ({{components_text}}, {{start}} – {{end}}) needs review.
{{#flag_reason}}
Reason: {{flag_reason}}
{{/flag_reason}}
Notice must be given at least 5 working days before the outage (Decision 146/QĐ-BTTTT, Art. 6).
== html ==
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Alert</title></head>
<body style="font-family:sans-serif"><p>The maintenance “{{title}}” ({{components_text}}, {{start}} – {{end}}) needs review.</p>
{{#flag_reason}}<p>Reason: {{flag_reason}}</p>{{/flag_reason}}
<p>Notice must be given at least 5 working days before the outage (Decision 146/QĐ-BTTTT, Art. 6).</p></body></html>
