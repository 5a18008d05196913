<h1>{{title}}</h1>
<p>{{text}}</p>
<p lang="en">{{text_en}}</p>
{{#facts}}<dl>{{#items}}<dt>{{k}}</dt><dd>{{v}}</dd>{{/items}}</dl>{{/facts}}
{{#button}}<form method="post"><p><button type="submit">{{button}}</button></p></form>{{/button}}
