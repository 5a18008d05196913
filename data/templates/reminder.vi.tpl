{{! Nhắc lịch: gửi lúc 09:00 ngày làm việc cuối cùng trước khi bảo trì (cấu hình được). }}
== subject ==
[Nhắc lịch bảo trì] {{components_text}} tạm dừng từ {{start}}
== text ==
{{org_name}} nhắc lịch bảo trì đã thông báo:

  Hệ thống: {{components_text}}
  Thời gian: từ {{start}} đến {{end}} (giờ Việt Nam)
  Ảnh hưởng: {{impact}}
  Nội dung: {{title}}

Đề nghị Quý cơ quan, đơn vị chủ động sắp xếp công việc.
{{#ack_url}}
Xác nhận đã nhận thông báo: {{ack_url}}
{{/ack_url}}
{{#unsubscribe_url}}
Hủy đăng ký nhận thông báo: {{unsubscribe_url}}
{{/unsubscribe_url}}
{{#manage_url}}
Thay đổi hệ thống theo dõi hoặc ngôn ngữ: {{manage_url}}
{{/manage_url}}
== html ==
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:sans-serif"><p>{{org_name}} nhắc lịch bảo trì đã thông báo: {{components_text}} tạm dừng từ {{start}} đến {{end}} (giờ Việt Nam). Ảnh hưởng: {{impact}}. Nội dung: {{title}}.</p>
<p>Đề nghị Quý cơ quan, đơn vị chủ động sắp xếp công việc.</p>
{{#ack_url}}<p><a href="{{ack_url}}">Xác nhận đã nhận thông báo</a></p>{{/ack_url}}
{{#unsubscribe_url}}<p><small><a href="{{unsubscribe_url}}">Hủy đăng ký nhận thông báo</a></small></p>{{/unsubscribe_url}}
{{#manage_url}}<p><small><a href="{{manage_url}}">Thay đổi đăng ký</a></small></p>{{/manage_url}}
</body></html>
