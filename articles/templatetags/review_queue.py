from django import template

from articles.admin.queue import review_queue

register = template.Library()
register.simple_tag(takes_context=True, name="review_queue")(
    lambda context: review_queue(context["request"].user))
