{{! Started: sent when the maintenance starts. }}
== subject ==
[In progress] {{components_text}} unavailable until {{end}}
== text ==
{{org_name}}: the maintenance "{{title}}" has started. {{components_text}} is unavailable until {{end}}.
{{#status_url}}
Status: {{status_url}}
{{/status_url}}
== html ==
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:sans-serif"><p>{{org_name}}: the maintenance “{{title}}” has started. {{components_text}} is unavailable until {{end}}.</p>
{{#status_url}}<p><a href="{{status_url}}">Status</a></p>{{/status_url}}</body></html>
