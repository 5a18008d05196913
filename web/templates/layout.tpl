<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{#title}}{{title}} · {{/title}}{{org}}</title>
<link rel="stylesheet" href="/assets/site.css">
<link rel="alternate" type="application/atom+xml" title="Atom" href="/feed.atom{{q}}">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.rss{{q}}">
</head>
<body>
<a class="skip" href="#main">{{#vi}}Bỏ qua, đến nội dung chính{{/vi}}{{#en}}Skip to main content{{/en}}</a>
<header class="site">
<p class="org"><a href="/{{q}}">{{org}}</a></p>
<nav aria-label="{{#vi}}Điều hướng chính{{/vi}}{{#en}}Main{{/en}}">
<ul>
<li><a href="/{{q}}">{{#vi}}Tình trạng{{/vi}}{{#en}}Status{{/en}}</a></li>
<li><a href="/history{{q}}">{{#vi}}Lịch sử{{/vi}}{{#en}}History{{/en}}</a></li>
<li><a href="/subscribe{{q}}">{{#vi}}Nhận thông báo{{/vi}}{{#en}}Subscribe{{/en}}</a></li>
<li>{{#vi}}<a href="{{path}}?lang=en" hreflang="en" lang="en">English</a>{{/vi}}{{#en}}<a href="{{path}}" hreflang="vi" lang="vi">Tiếng Việt</a>{{/en}}</li>
</ul>
</nav>
</header>
<main id="main">
{{{body}}}
</main>
<footer class="site">
<p>{{#vi}}Theo Điều 6 Quyết định 146/QĐ-BTTTT, cổng thông tin chỉ tạm dừng để bảo trì theo kế hoạch sau khi đã thông báo tối thiểu 05 ngày làm việc.{{/vi}}{{#en}}Under Decision 146/QĐ-BTTTT, Art. 6, the portal is taken down for planned maintenance only after at least 5 working days' notice.{{/en}}</p>
<p><a href="/calendar.ics">{{#vi}}Lịch (iCalendar){{/vi}}{{#en}}Calendar (iCalendar){{/en}}</a> · <a href="/feed.atom{{q}}">Atom</a> · <a href="/feed.rss{{q}}">RSS</a> · <a href="/holidays.ics">{{#vi}}Lịch ngày nghỉ{{/vi}}{{#en}}Days off{{/en}}</a> · <a href="/admin">{{#vi}}Quản trị{{/vi}}{{#en}}Administration{{/en}}</a></p>
</footer>
</body>
</html>
