{{! Alert: the mail relay refuses; messages will be retried. }}
== subject ==
[Alert] The mail relay {{title}} is failing
== text ==
baotri could not hand messages to the relay {{title}}: {{flag_reason}}
Unsent messages will be retried; see each maintenance's deliveries.
== html ==
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Alert</title></head>
<body style="font-family:sans-serif"><p>baotri could not hand messages to the relay {{title}}: {{flag_reason}}</p>
<p>Unsent messages will be retried; see each maintenance's deliveries.</p></body></html>
