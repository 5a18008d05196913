{{! Hủy lịch: gửi khi một lịch bảo trì đã thông báo bị hủy. }}
== subject ==
[Hủy lịch] Hủy bảo trì {{components_text}} từ {{start}}
== text ==
Kính gửi {{#recipient_name}}{{recipient_name}}{{/recipient_name}}{{^recipient_name}}Quý cơ quan, đơn vị{{/recipient_name}},

{{org_name}} thông báo HỦY lịch bảo trì sau; hệ thống vẫn hoạt động bình thường:

  Hệ thống: {{components_text}}
  Thời gian: từ {{start}} đến {{end}} (giờ Việt Nam)
  Ảnh hưởng: {{impact}}
  Nội dung: {{title}}
{{#description}}
{{description}}
{{/description}}

{{#cancel_reason}}Lý do: {{cancel_reason}}. {{/cancel_reason}}Xin cảm ơn
Quý cơ quan, đơn vị.

{{legal}}
{{#ack_url}}
Xác nhận đã nhận thông báo: {{ack_url}}
{{/ack_url}}
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
<p>{{org_name}} thông báo HỦY lịch bảo trì sau; hệ thống vẫn hoạt động bình thường:</p>
<table role="presentation">
<tr><th scope="row" align="left">Hệ thống</th><td>{{components_text}}</td></tr>
<tr><th scope="row" align="left">Thời gian</th><td>từ {{start}} đến {{end}} (giờ Việt Nam)</td></tr>
<tr><th scope="row" align="left">Ảnh hưởng</th><td>{{impact}}</td></tr>
<tr><th scope="row" align="left">Nội dung</th><td>{{title}}</td></tr>
</table>
{{#description}}<p style="white-space:pre-line">{{description}}</p>{{/description}}
<p>{{#cancel_reason}}Lý do: {{cancel_reason}}. {{/cancel_reason}}Xin cảm ơn Quý cơ quan, đơn vị.</p>
<p><small>{{legal}}</small></p>
{{#ack_url}}<p><a href="{{ack_url}}">Xác nhận đã nhận thông báo</a></p>{{/ack_url}}
{{#status_url}}<p><a href="{{status_url}}">Theo dõi tình trạng</a></p>{{/status_url}}
{{#unsubscribe_url}}<p><small><a href="{{unsubscribe_url}}">Hủy đăng ký nhận thông báo</a></small></p>{{/unsubscribe_url}}
{{#manage_url}}<p><small><a href="{{manage_url}}">Thay đổi đăng ký</a></small></p>{{/manage_url}}
</body></html>
