{{! Cancellation: sent when an announced maintenance is cancelled. }}
== subject ==
[Cancelled] {{components_text}} maintenance on {{start}}
== text ==
Dear {{#recipient_name}}{{recipient_name}}{{/recipient_name}}{{^recipient_name}}colleagues{{/recipient_name}},

{{org_name}} has CANCELLED this maintenance; the system stays available:

  System: {{components_text}}
  Window: {{start}} – {{end}}
  Impact: {{impact}}
  Work: {{title}}
{{#description}}
{{description}}
{{/description}}

{{#cancel_reason}}Reason: {{cancel_reason}}. {{/cancel_reason}}Thank you.

{{legal}}
{{#ack_url}}
Acknowledge receipt: {{ack_url}}
{{/ack_url}}
{{#status_url}}
Status: {{status_url}}
{{/status_url}}
{{#unsubscribe_url}}
Unsubscribe: {{unsubscribe_url}}
{{/unsubscribe_url}}
{{#manage_url}}
Change the systems you follow or the language: {{manage_url}}
{{/manage_url}}
== html ==
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:sans-serif;line-height:1.5">
<p>Dear {{#recipient_name}}{{recipient_name}}{{/recipient_name}}{{^recipient_name}}colleagues{{/recipient_name}},</p>
<p>{{org_name}} has CANCELLED this maintenance; the system stays available:</p>
<table role="presentation">
<tr><th scope="row" align="left">System</th><td>{{components_text}}</td></tr>
<tr><th scope="row" align="left">Window</th><td>{{start}} – {{end}}</td></tr>
<tr><th scope="row" align="left">Impact</th><td>{{impact}}</td></tr>
<tr><th scope="row" align="left">Work</th><td>{{title}}</td></tr>
</table>
{{#description}}<p style="white-space:pre-line">{{description}}</p>{{/description}}
<p>{{#cancel_reason}}Reason: {{cancel_reason}}. {{/cancel_reason}}Thank you.</p>
<p><small>{{legal}}</small></p>
{{#ack_url}}<p><a href="{{ack_url}}">Acknowledge receipt</a></p>{{/ack_url}}
{{#status_url}}<p><a href="{{status_url}}">Status</a></p>{{/status_url}}
{{#unsubscribe_url}}<p><small><a href="{{unsubscribe_url}}">Unsubscribe</a></small></p>{{/unsubscribe_url}}
{{#manage_url}}<p><small><a href="{{manage_url}}">Change your subscription</a></small></p>{{/manage_url}}
</body></html>
