{{! Subscription confirmation (double opt-in). }}
== subject ==
Confirm your subscription to maintenance notices
== text ==
Someone (perhaps you) asked for maintenance notices of {{org_name}} to be sent to this address.

To confirm, open this link and press "Confirm" (valid for 7 days):
{{confirm_url}}

If it was not you, ignore this message; nothing more will be sent.
Purpose: maintenance notices only. Every notice has a link to unsubscribe.
== html ==
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Confirm</title></head>
<body style="font-family:sans-serif"><p>Someone (perhaps you) asked for maintenance notices of {{org_name}} to be sent to this address.</p>
<p><a href="{{confirm_url}}">Confirm the subscription</a> (valid for 7 days)</p>
<p>If it was not you, ignore this message; nothing more will be sent.</p>
<p><small>Purpose: maintenance notices only. Every notice has a link to unsubscribe.</small></p></body></html>
