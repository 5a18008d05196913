<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{#vi}}vi{{/vi}}{{#en}}en{{/en}}">
<title>{{#vi}}Lịch bảo trì{{/vi}}{{#en}}Planned maintenance{{/en}} – {{name}}</title>
<id>{{base}}{{path}}</id>
<link rel="self" href="{{base}}{{path}}"/>
<link rel="alternate" type="text/html" href="{{base}}/"/>
<updated>{{updated}}</updated>
<author><name>{{org}}</name></author>
{{#items}}<entry>
<id>urn:uid:{{uid}}</id>
<title>{{#cancelled}}[{{#vi}}Đã hủy{{/vi}}{{#en}}Cancelled{{/en}}] {{/cancelled}}{{title}}</title>
<link rel="alternate" type="text/html" href="{{url}}"/>
<updated>{{updated}}</updated>
<summary>{{start_text}} – {{end_text}}. {{impact_text}}: {{components_text}}.</summary>
</entry>
{{/items}}</feed>
