{{#status_page}}
<h1>{{#vi}}Tình trạng hoạt động và lịch bảo trì{{/vi}}{{#en}}Service status and planned maintenance{{/en}}</h1>
{{#all_clear}}<p class="ok" role="status">{{#vi}}Hiện không có bảo trì nào đang diễn ra.{{/vi}}{{#en}}No maintenance is in progress now.{{/en}}</p>{{/all_clear}}
{{/status_page}}
{{#history_page}}
<h1>{{#vi}}Lịch sử bảo trì (12 tháng){{/vi}}{{#en}}Maintenance history (12 months){{/en}}</h1>
{{/history_page}}
{{#sections}}
<section aria-labelledby="h-{{#ongoing}}ongoing{{/ongoing}}{{#upcoming}}upcoming{{/upcoming}}{{#past}}past{{/past}}{{#history}}history{{/history}}">
<h2 id="h-{{#ongoing}}ongoing{{/ongoing}}{{#upcoming}}upcoming{{/upcoming}}{{#past}}past{{/past}}{{#history}}history{{/history}}">
{{#ongoing}}{{#vi}}Đang diễn ra{{/vi}}{{#en}}In progress{{/en}}{{/ongoing}}
{{#upcoming}}{{#vi}}Sắp tới{{/vi}}{{#en}}Upcoming{{/en}}{{/upcoming}}
{{#past}}{{#vi}}Gần đây{{/vi}}{{#en}}Recent{{/en}}{{/past}}
{{#history}}{{#vi}}Đã qua{{/vi}}{{#en}}Past{{/en}}{{/history}}
</h2>
{{#empty}}<p class="none">{{#vi}}Không có.{{/vi}}{{#en}}None.{{/en}}</p>{{/empty}}
{{#items}}
<article class="m{{#cancelled}} cancelled{{/cancelled}}{{#ongoing}} now{{/ongoing}}">
<h3><a href="/maintenances/{{id}}{{q}}">{{title}}</a>
{{#cancelled}}<span class="badge off">{{#vi}}Đã hủy{{/vi}}{{#en}}Cancelled{{/en}}</span>{{/cancelled}}
{{#in_progress}}<span class="badge now">{{#vi}}Đang bảo trì{{/vi}}{{#en}}In progress{{/en}}</span>{{/in_progress}}
{{#completed}}<span class="badge done">{{#vi}}Đã hoàn thành{{/vi}}{{#en}}Completed{{/en}}</span>{{/completed}}
{{#emergency}}<span class="badge urgent">{{#vi}}Khẩn cấp{{/vi}}{{#en}}Emergency{{/en}}</span>{{/emergency}}
</h3>
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
</dl>
{{#cancel_reason}}<p>{{#vi}}Lý do hủy{{/vi}}{{#en}}Reason{{/en}}: {{cancel_reason}}</p>{{/cancel_reason}}
</article>
{{/items}}
</section>
{{/sections}}
<section aria-labelledby="h-feeds" class="feeds">
<h2 id="h-feeds">{{#vi}}Theo dõi bằng lịch{{/vi}}{{#en}}Follow in your calendar{{/en}}</h2>
<p>{{#vi}}Thêm lịch bảo trì vào ứng dụng lịch (Outlook, Google, Apple, Thunderbird):{{/vi}}{{#en}}Add the maintenance calendar to your calendar app (Outlook, Google, Apple, Thunderbird):{{/en}}
<a href="{{webcal}}/calendar.ics{{q}}">{{#vi}}Đăng ký lịch (webcal){{/vi}}{{#en}}Subscribe (webcal){{/en}}</a> ·
<a href="/calendar.ics{{q}}">{{#vi}}Tải tệp .ics{{/vi}}{{#en}}Download .ics{{/en}}</a></p>
{{#components}}<p>{{name}}: <a href="{{webcal}}/components/{{slug}}/calendar.ics{{q}}">webcal</a> · <a href="/components/{{slug}}/calendar.ics{{q}}">.ics</a> · <a href="/components/{{slug}}/feed.atom{{q}}">Atom</a></p>
{{/components}}
</section>
