{{#description}}{{description}}

{{/description}}{{#vi}}Ảnh hưởng{{/vi}}{{#en}}Impact{{/en}}: {{impact_text}}
{{#vi}}Hệ thống{{/vi}}{{#en}}Affected{{/en}}: {{components_text}}
{{#cancelled}}{{#vi}}ĐÃ HỦY{{/vi}}{{#en}}CANCELLED{{/en}}{{#cancel_reason}}: {{cancel_reason}}{{/cancel_reason}}
{{/cancelled}}
{{url}}
