{{! Completed: sent when the maintenance ends. }}
== subject ==
[Completed] {{components_text}} back in service
== text ==
{{org_name}}: the maintenance "{{title}}" is complete; {{components_text}} is back in service.
{{#status_url}}
Status: {{status_url}}
{{/status_url}}
== html ==
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:sans-serif"><p>{{org_name}}: the maintenance “{{title}}” is complete; {{components_text}} is back in service.</p>
{{#status_url}}<p><a href="{{status_url}}">Status</a></p>{{/status_url}}</body></html>
