"""A story's page: every outlet that published it, the canonical copy first."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from articles.models import Article, Story


def story_detail(request, pk):
    story = get_object_or_404(Story, pk=pk)
    copies = list(
        Article.objects.visible_to(request.user).filter(story=story)
        .select_related("source").order_by("-is_canonical", "published_on", "pk")
    )
    if not copies:
        raise Http404("No published copy of this story.")
    return render(request, "articles/story_detail.html", {
        "story": story, "canonical": copies[0], "copies": copies,
    })
