{{! Cảnh báo: đến hạn thông báo mà còn đơn vị chưa nhận được thư. }}
== subject ==
[Cảnh báo] Thông báo bảo trì "{{title}}" chưa đến được mọi đơn vị
== text ==
Lịch bảo trì "{{title}}" ({{components_text}}, từ {{start}} đến {{end}}) cần được xem lại.
{{#flag_reason}}
Lý do: {{flag_reason}}
{{/flag_reason}}
Thông báo phải được gửi tối thiểu 05 ngày làm việc trước khi tạm dừng (Điều 6 Quyết định 146/QĐ-BTTTT).
== html ==
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Cảnh báo</title></head>
<body style="font-family:sans-serif"><p>Lịch bảo trì “{{title}}” ({{components_text}}, từ {{start}} đến {{end}}) cần được xem lại.</p>
{{#flag_reason}}<p>Lý do: {{flag_reason}}</p>{{/flag_reason}}
<p>Thông báo phải được gửi tối thiểu 05 ngày làm việc trước khi tạm dừng (Điều 6 Quyết định 146/QĐ-BTTTT).</p></body></html>
