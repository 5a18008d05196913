{{! Thông báo bảo trì: gửi khi lịch bảo trì được phê duyệt. }}
== subject ==
[Thông báo bảo trì] {{components_text}}: tạm dừng từ {{start}} đến {{end}}
== text ==
Kính gửi {{#recipient_name}}{{recipient_name}}{{/recipient_name}}{{^recipient_name}}Quý cơ quan, đơn vị{{/recipient_name}},

{{org_name}} trân trọng thông báo lịch bảo trì hệ thống:

  Hệ thống: {{components_text}}
  Thời gian: từ {{start}} đến {{end}} (giờ Việt Nam)
  Ảnh hưởng: {{impact}}
  Nội dung: {{title}}
{{#description}}
{{description}}
{{/description}}

Ngoài khoảng thời gian trên, hệ thống vẫn hoạt động bình thường. Đề nghị
Quý cơ quan, đơn vị chủ động sắp xếp công việc.

{{legal}}
{{#ack_url}}
Xác nhận đã nhận thông báo: {{ack_url}}
{{/ack_url}}
{{#feed_url}}
Lịch bảo trì riêng của đơn vị (thêm vào ứng dụng lịch): {{feed_url}}
{{/feed_url}}
{{#status_url}}
Theo dõi tình trạng: {{status_url}}
{{/status_url}}
{{#unsubscribe_url}}
Hủy đăng ký nhận thông báo: {{unsubscribe_url}}
{{/unsubscribe_url}}
{{#manage_url}}
Thay đổi hệ thống theo dõi hoặc ngôn ngữ: {{manage_url}}
{{/manage_url}}
== html ==
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:sans-serif;line-height:1.5">
<p>Kính gửi {{#recipient_name}}{{recipient_name}}{{/recipient_name}}{{^recipient_name}}Quý cơ quan, đơn vị{{/recipient_name}},</p>
<p>{{org_name}} trân trọng thông báo lịch bảo trì hệ thống:</p>
<table role="presentation">
<tr><th scope="row" align="left">Hệ thống</th><td>{{components_text}}</td></tr>
<tr><th scope="row" align="left">Thời gian</th><td>từ {{start}} đến {{end}} (giờ Việt Nam)</td></tr>
<tr><th scope="row" align="left">Ảnh hưởng</th><td>{{impact}}</td></tr>
<tr><th scope="row" align="left">Nội dung</th><td>{{title}}</td></tr>
</table>
{{#description}}<p style="white-space:pre-line">{{description}}</p>{{/description}}
<p>Ngoài khoảng thời gian trên, hệ thống vẫn hoạt động bình thường. Đề nghị Quý cơ quan, đơn vị chủ động sắp xếp công việc.</p>
<p><small>{{legal}}</small></p>
{{#ack_url}}<p><a href="{{ack_url}}">Xác nhận đã nhận thông báo</a></p>{{/ack_url}}
{{#feed_url}}<p><a href="{{feed_url}}">Lịch bảo trì riêng của đơn vị (thêm vào ứng dụng lịch)</a></p>{{/feed_url}}
{{#status_url}}<p><a href="{{status_url}}">Theo dõi tình trạng</a></p>{{/status_url}}
{{#unsubscribe_url}}<p><small><a href="{{unsubscribe_url}}">Hủy đăng ký nhận thông báo</a></small></p>{{/unsubscribe_url}}
{{#manage_url}}<p><small><a href="{{manage_url}}">Thay đổi đăng ký</a></small></p>{{/manage_url}}
</body></html>
