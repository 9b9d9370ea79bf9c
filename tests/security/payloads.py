"""Hostile text for every field: each payload, if it ever ran, would record its number in
`window.__xss` (and most would also open a dialog). Rendered as text, none does anything.

Kinds: script tags, event handlers, javascript:/data:/vbscript: URLs, SVG and MathML,
attribute breaking, closing </title> and </textarea>, template syntax (Django's and
client-side), and unicode tricks (full-width brackets, bidi overrides, zero-width and
homoglyph schemes, escapes that only a careless decoder would turn into markup).
"""

RUN = "window.__xss=(window.__xss||[]).concat({n});alert({n})"

TEMPLATES = [
    "<script>{run}</script>",
    "<SCRIPT>{run}</SCRIPT>",
    "<script src=\"data:text/javascript,{run}\"></script>",
    "<img src=x onerror=\"{run}\">",
    "<img src=x onerror={run}>",
    "<body onload=\"{run}\">",
    "<svg onload=\"{run}\"></svg>",
    "<svg><script>{run}</script></svg>",
    "<svg><animate onbegin=\"{run}\" attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"{run}\">",
    "<iframe srcdoc=\"<script>parent.{run}</script>\"></iframe>",
    "<iframe src=\"javascript:parent.{run}\"></iframe>",
    "<details open ontoggle=\"{run}\">",
    "<input autofocus onfocus=\"{run}\">",
    "<video><source onerror=\"{run}\"></video>",
    "<a href=\"javascript:{run}\">click</a>",
    "javascript:{run}",
    "JaVaScRiPt:{run}",
    " javascript:{run}",
    "java\tscript:{run}",
    "javascript&#58;{run}",
    "data:text/html,<script>{run}</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox({n})",
    "\"><script>{run}</script>",
    "'><script>{run}</script>",
    "\" onmouseover=\"{run}\" x=\"",
    "' onfocus='{run}' autofocus x='",
    "\" autofocus onfocus=\"{run}",
    "</title><script>{run}</script>",
    "</textarea><script>{run}</script>",
    "</style><script>{run}</script>",
    "</script><script>{run}</script>",
    "<!--<script>{run}</script>-->",
    "{{{{ '<script>{run}</script>'|safe }}}}",
    "{{% autoescape off %}}<script>{run}</script>{{% endautoescape %}}",
    "{{{{constructor.constructor('{run}')()}}}}",
    "${{{run}}}",
    "＜script＞{run}＜/script＞",
    "\u202e<script>{run}</script>",
    "java\u200bscript:{run}",
    "&lt;script&gt;{run}&lt;/script&gt;",
    "\\u003cscript\\u003e{run}\\u003c/script\\u003e",
    "%3Cscript%3E{run}%3C/script%3E",
    "<scr<script>ipt>{run}</scr</script>ipt>",
    "<a href=\"&#106;avascript:{run}\">x</a>",
    "<form action=\"javascript:{run}\"><button>x</button></form>",
    "<object data=\"javascript:{run}\"></object>",
]

PAYLOADS = [template.format(n=number, run=RUN.format(n=number))
            for number, template in enumerate(TEMPLATES, start=1)]
