{{! Hoàn thành: gửi khi bảo trì kết thúc. }}
== subject ==
[Hoàn thành] {{components_text}} đã hoạt động trở lại
== text ==
{{org_name}} thông báo: việc bảo trì "{{title}}" đã hoàn thành; {{components_text}} đã hoạt động trở lại.
{{#status_url}}
Theo dõi tình trạng: {{status_url}}
{{/status_url}}
== html ==
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:sans-serif"><p>{{org_name}} thông báo: việc bảo trì “{{title}}” đã hoàn thành; {{components_text}} đã hoạt động trở lại.</p>
{{#status_url}}<p><a href="{{status_url}}">Theo dõi tình trạng</a></p>{{/status_url}}</body></html>
