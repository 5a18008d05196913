<h1>{{#vi}}Nhận thông báo bảo trì qua thư điện tử{{/vi}}{{#en}}Get maintenance notices by e-mail{{/en}}</h1>
<p>{{#vi}}Chúng tôi gửi một thư để bạn xác nhận; chưa xác nhận thì không có thư nào khác. Mỗi thư có liên kết hủy đăng ký.{{/vi}}{{#en}}We send one e-mail for you to confirm; nothing else is sent before you do. Every notice has a link to unsubscribe.{{/en}}</p>
{{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
<form method="post" action="/subscribe{{q}}">
<p><label for="email">{{#vi}}Địa chỉ thư điện tử{{/vi}}{{#en}}E-mail address{{/en}}</label><br>
<input id="email" name="email" type="email" required maxlength="254" autocomplete="email" value="{{email}}"{{#error}} aria-describedby="form-error"{{/error}}></p>
<fieldset>
<legend>{{#vi}}Hệ thống cần theo dõi{{/vi}}{{#en}}Systems to follow{{/en}}</legend>
<p><label><input type="checkbox" name="all" value="1" checked> {{#vi}}Tất cả{{/vi}}{{#en}}All{{/en}}</label></p>
{{#components}}<p><label><input type="checkbox" name="components" value="{{slug}}"> {{name}}</label></p>
{{/components}}
<p class="hint">{{#vi}}Bỏ chọn "Tất cả" để chỉ nhận thông báo của các hệ thống đã chọn.{{/vi}}{{#en}}Untick "All" to receive only the notices of the systems you choose.{{/en}}</p>
</fieldset>
<fieldset>
<legend>{{#vi}}Ngôn ngữ của thư{{/vi}}{{#en}}Language of the e-mails{{/en}}</legend>
<p><label><input type="radio" name="language" value="vi"{{#lang_vi}} checked{{/lang_vi}}> Tiếng Việt</label>
<label><input type="radio" name="language" value="en"{{#lang_en}} checked{{/lang_en}}> English</label></p>
</fieldset>
<p><button type="submit">{{#vi}}Đăng ký{{/vi}}{{#en}}Subscribe{{/en}}</button></p>
</form>
