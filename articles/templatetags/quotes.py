from django import template

from articles.quotation import shown_quote

register = template.Library()
register.filter("shown_quote", shown_quote, is_safe=True)
