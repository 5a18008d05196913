<p class="crumb"><a href="/{{q}}">{{#vi}}Tình trạng{{/vi}}{{#en}}Status{{/en}}</a> › {{#vi}}Bảo trì{{/vi}}{{#en}}Maintenance{{/en}} #{{id}}</p>
<article class="m{{#cancelled}} cancelled{{/cancelled}}">
<h1>{{title}}
{{#cancelled}}<span class="badge off">{{#vi}}Đã hủy{{/vi}}{{#en}}Cancelled{{/en}}</span>{{/cancelled}}
{{#in_progress}}<span class="badge now">{{#vi}}Đang bảo trì{{/vi}}{{#en}}In progress{{/en}}</span>{{/in_progress}}
{{#completed}}<span class="badge done">{{#vi}}Đã hoàn thành{{/vi}}{{#en}}Completed{{/en}}</span>{{/completed}}
{{#approved}}<span class="badge">{{#vi}}Đã lên lịch{{/vi}}{{#en}}Scheduled{{/en}}</span>{{/approved}}
{{#emergency}}<span class="badge urgent">{{#vi}}Khẩn cấp{{/vi}}{{#en}}Emergency{{/en}}</span>{{/emergency}}
</h1>
{{#description}}<p class="desc">{{description}}</p>{{/description}}
<dl>
<dt>{{#vi}}Thời gian{{/vi}}{{#en}}When{{/en}}</dt>
<dd><time datetime="{{start}}">{{start_text}}</time> – <time datetime="{{end}}">{{end_text}}</time></dd>
<dt>{{#vi}}Ảnh hưởng{{/vi}}{{#en}}Impact{{/en}}</dt><dd>{{impact_text}}</dd>
<dt>{{#vi}}Hệ thống{{/vi}}{{#en}}Affected{{/en}}</dt><dd>{{components_text}}</dd>
<dt>{{#vi}}Thông báo trước{{/vi}}{{#en}}Notice given{{/en}}</dt>
<dd>{{#working_days}}{{working_days}} {{#vi}}ngày làm việc{{/vi}}{{#en}}working days{{/en}}{{/working_days}}
{{#compliant_yes}}<span class="rule ok">{{#vi}}đúng quy định (tối thiểu 05 ngày làm việc){{/vi}}{{#en}}meets the rule (at least 5 working days){{/en}}</span>{{/compliant_yes}}
{{#compliant_no}}<span class="rule bad">{{#vi}}không đủ thời hạn thông báo theo quy định{{/vi}}{{#en}}less notice than the rule requires{{/en}}</span>{{/compliant_no}}
{{#compliant_unknown}}<span class="rule">{{#vi}}đang gửi thông báo{{/vi}}{{#en}}notices being delivered{{/en}}</span>{{/compliant_unknown}}</dd>
{{#cancel_reason}}<dt>{{#vi}}Lý do hủy{{/vi}}{{#en}}Reason for cancelling{{/en}}</dt><dd>{{cancel_reason}}</dd>{{/cancel_reason}}
</dl>
<p><a href="{{webcal}}/calendar.ics{{q}}">{{#vi}}Thêm lịch bảo trì vào ứng dụng lịch{{/vi}}{{#en}}Add the maintenance calendar to your calendar app{{/en}}</a></p>
</article>
<section aria-labelledby="h-changes">
<h2 id="h-changes">{{#vi}}Các lần thông báo{{/vi}}{{#en}}What was announced, and when{{/en}}</h2>
<table>
<caption class="sr">{{#vi}}Mỗi phiên bản thông báo đã gửi{{/vi}}{{#en}}Each version of the notice sent{{/en}}</caption>
<thead><tr><th scope="col">{{#vi}}Phiên bản{{/vi}}{{#en}}Version{{/en}}</th><th scope="col">{{#vi}}Gửi lúc{{/vi}}{{#en}}Sent at{{/en}}</th><th scope="col">{{#vi}}Nội dung{{/vi}}{{#en}}Notice{{/en}}</th><th scope="col">{{#vi}}Thời gian bảo trì{{/vi}}{{#en}}Window{{/en}}</th></tr></thead>
<tbody>
{{#changes}}<tr><td>{{sequence}}</td><td>{{at_text}}</td><td>{{#cancelled}}{{#vi}}Hủy{{/vi}}{{#en}}Cancellation{{/en}}{{/cancelled}}{{^cancelled}}{{#first}}{{#vi}}Thông báo{{/vi}}{{#en}}Announcement{{/en}}{{/first}}{{^first}}{{#vi}}Cập nhật{{/vi}}{{#en}}Update{{/en}}{{/first}}{{/cancelled}}: {{title}}</td><td>{{start_text}} – {{end_text}}</td></tr>
{{/changes}}
</tbody>
</table>
</section>
