<h1>{{#vi}}Thay đổi đăng ký nhận thông báo{{/vi}}{{#en}}Change your subscription{{/en}}</h1>
{{#saved}}<p class="ok" role="status">{{#vi}}Đã lưu thay đổi.{{/vi}}{{#en}}Your changes are saved.{{/en}}</p>{{/saved}}
{{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
<p>{{#vi}}Địa chỉ{{/vi}}{{#en}}Address{{/en}}: <strong>{{email}}</strong></p>
<form method="post">
<fieldset>
<legend>{{#vi}}Hệ thống cần theo dõi{{/vi}}{{#en}}Systems to follow{{/en}}</legend>
<p><label><input type="checkbox" name="all" value="1"{{#all}} checked{{/all}}> {{#vi}}Tất cả{{/vi}}{{#en}}All{{/en}}</label></p>
{{#components}}<p><label><input type="checkbox" name="components" value="{{slug}}"{{#checked}} checked{{/checked}}> {{name}}</label></p>
{{/components}}
</fieldset>
<fieldset>
<legend>{{#vi}}Ngôn ngữ của thư{{/vi}}{{#en}}Language of the e-mails{{/en}}</legend>
<p><label><input type="radio" name="language" value="vi"{{#lang_vi}} checked{{/lang_vi}}> Tiếng Việt</label>
<label><input type="radio" name="language" value="en"{{#lang_en}} checked{{/lang_en}}> English</label></p>
</fieldset>
<p><button type="submit">{{#vi}}Lưu{{/vi}}{{#en}}Save{{/en}}</button></p>
</form>
<p><a href="/unsubscribe/{{unsub_token}}{{q}}">{{#vi}}Hủy đăng ký{{/vi}}{{#en}}Unsubscribe{{/en}}</a></p>
