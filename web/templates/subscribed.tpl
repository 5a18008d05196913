<h1>{{#vi}}Vui lòng kiểm tra hộp thư{{/vi}}{{#en}}Please check your mailbox{{/en}}</h1>
<p role="status">{{#vi}}Nếu địa chỉ này chưa đăng ký, một thư xác nhận sẽ được gửi đến. Bấm liên kết trong thư để bắt đầu nhận thông báo.{{/vi}}{{#en}}If this address is not yet subscribed, a confirmation will be sent to it. Follow the link in it to start receiving notices.{{/en}}</p>
<p><a href="/{{q}}">{{#vi}}Về trang tình trạng{{/vi}}{{#en}}Back to the status page{{/en}}</a></p>
