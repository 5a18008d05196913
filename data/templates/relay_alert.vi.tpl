{{! Cảnh báo: máy chủ chuyển thư không nhận thư; thư sẽ được gửi lại. }}
== subject ==
[Cảnh báo] Máy chủ chuyển thư {{title}} không nhận thư
== text ==
baotri không gửi được thư qua máy chủ chuyển thư {{title}}: {{flag_reason}}
Thư chưa gửi sẽ được gửi lại; hãy xem trang theo dõi gửi thư của từng lịch bảo trì.
== html ==
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Cảnh báo</title></head>
<body style="font-family:sans-serif"><p>baotri không gửi được thư qua máy chủ chuyển thư {{title}}: {{flag_reason}}</p>
<p>Thư chưa gửi sẽ được gửi lại; hãy xem trang theo dõi gửi thư của từng lịch bảo trì.</p></body></html>
