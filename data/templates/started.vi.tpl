{{! Bắt đầu: gửi khi bảo trì bắt đầu. }}
== subject ==
[Đang bảo trì] {{components_text}} tạm dừng đến {{end}}
== text ==
{{org_name}} thông báo: việc bảo trì "{{title}}" đã bắt đầu. {{components_text}} tạm dừng đến {{end}} (giờ Việt Nam).
{{#status_url}}
Theo dõi tình trạng: {{status_url}}
{{/status_url}}
== html ==
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:sans-serif"><p>{{org_name}} thông báo: việc bảo trì “{{title}}” đã bắt đầu. {{components_text}} tạm dừng đến {{end}} (giờ Việt Nam).</p>
{{#status_url}}<p><a href="{{status_url}}">Theo dõi tình trạng</a></p>{{/status_url}}</body></html>
