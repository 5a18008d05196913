{{! Reminder: sent at 09:00 on the last working day before the maintenance (configurable). }}
== subject ==
[Reminder] {{components_text}} maintenance starts {{start}}
== text ==
{{org_name}} reminds you of this announced maintenance:

  System: {{components_text}}
  Window: {{start}} – {{end}}
  Impact: {{impact}}
  Work: {{title}}

Please plan ahead.
{{#ack_url}}
Acknowledge receipt: {{ack_url}}
{{/ack_url}}
{{#unsubscribe_url}}
Unsubscribe: {{unsubscribe_url}}
{{/unsubscribe_url}}
{{#manage_url}}
Change the systems you follow or the language: {{manage_url}}
{{/manage_url}}
== html ==
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:sans-serif"><p>{{org_name}} reminds you of this announced maintenance: {{components_text}} is unavailable {{start}} – {{end}}. Impact: {{impact}}. Work: {{title}}.</p>
<p>Please plan ahead.</p>
{{#ack_url}}<p><a href="{{ack_url}}">Acknowledge receipt</a></p>{{/ack_url}}
{{#unsubscribe_url}}<p><small><a href="{{unsubscribe_url}}">Unsubscribe</a></small></p>{{/unsubscribe_url}}
{{#manage_url}}<p><small><a href="{{manage_url}}">Change your subscription</a></small></p>{{/manage_url}}
</body></html>
