{{! Xác nhận đăng ký nhận thông báo bảo trì (đăng ký hai bước). }}
== subject ==
Xác nhận đăng ký nhận thông báo bảo trì
== text ==
Có người (có thể là bạn) vừa đăng ký địa chỉ thư này để nhận thông báo về lịch bảo trì của {{org_name}}.

Để xác nhận, hãy mở liên kết sau và bấm nút "Xác nhận" (liên kết có hiệu lực 7 ngày):
{{confirm_url}}

Nếu bạn không đăng ký, hãy bỏ qua thư này; bạn sẽ không nhận thêm thư nào.
Mục đích: chỉ để thông báo lịch bảo trì. Bạn có thể hủy đăng ký bất cứ lúc nào bằng liên kết trong mỗi thư.
== html ==
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Xác nhận đăng ký</title></head>
<body style="font-family:sans-serif"><p>Có người (có thể là bạn) vừa đăng ký địa chỉ thư này để nhận thông báo về lịch bảo trì của {{org_name}}.</p>
<p><a href="{{confirm_url}}">Xác nhận đăng ký</a> (liên kết có hiệu lực 7 ngày)</p>
<p>Nếu bạn không đăng ký, hãy bỏ qua thư này; bạn sẽ không nhận thêm thư nào.</p>
<p><small>Mục đích: chỉ để thông báo lịch bảo trì. Bạn có thể hủy đăng ký bất cứ lúc nào bằng liên kết trong mỗi thư.</small></p></body></html>
