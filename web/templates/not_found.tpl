<h1>{{#vi}}Không tìm thấy{{/vi}}{{#en}}Not found{{/en}}</h1>
<p>{{#vi}}Không có trang này, hoặc bảo trì chưa được công bố.{{/vi}}{{#en}}There is no such page, or the maintenance has not been published.{{/en}}</p>
<p><a href="/{{q}}">{{#vi}}Về trang tình trạng{{/vi}}{{#en}}Back to the status page{{/en}}</a></p>
