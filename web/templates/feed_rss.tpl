<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>{{#vi}}Lịch bảo trì{{/vi}}{{#en}}Planned maintenance{{/en}} – {{name}}</title>
<link>{{base}}/</link>
<description>{{#vi}}Thông báo bảo trì theo kế hoạch{{/vi}}{{#en}}Planned maintenance notices{{/en}} – {{org}}</description>
<language>{{#vi}}vi{{/vi}}{{#en}}en{{/en}}</language>
<lastBuildDate>{{updated_http}}</lastBuildDate>
{{#items}}<item>
<title>{{#cancelled}}[{{#vi}}Đã hủy{{/vi}}{{#en}}Cancelled{{/en}}] {{/cancelled}}{{title}}</title>
<link>{{url}}</link>
<guid isPermaLink="false">{{uid}}#{{sequence}}</guid>
<pubDate>{{updated_http}}</pubDate>
<description>{{start_text}} – {{end_text}}. {{impact_text}}: {{components_text}}.</description>
</item>
{{/items}}</channel>
</rss>
