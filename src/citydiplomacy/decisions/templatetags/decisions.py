"""Template helpers of the decisions: safe Markdown, readable link reasons and the plan page's
list of decisions."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import markdown, services

register = template.Library()


@register.filter
def decision_markdown(text):
    """The parser's Markdown (paragraphs and lists) as HTML; all text is escaped."""
    return mark_safe(markdown.to_html(text))  # safe: to_html escapes every piece of text


@register.filter
def reason_text(reason: dict) -> str:
    """One suggestion reason as a sentence in the reader's language."""
    code = reason.get("code")
    if code == "same_case":
        return _("Same case (%(diary_number)s) as a decision already confirmed for it") % reason
    if code == "similar_text":
        return _("Words of its title found in the decision: %(words)s (%(percent)s)") % {
            "words": ", ".join(reason.get("words", [])),
            "percent": f"{round(100 * reason.get('similarity', 0))}\u00a0%",
        }
    if code == "classification":
        return _("Classified as international affairs (%(classification_code)s)") % reason
    if code == "period":
        return _("Made in %(year)s, for the plan period %(start)s–%(end)s") % reason
    return str(reason)


@register.inclusion_tag("decisions/_plan_decisions.html", takes_context=True)
def plan_decisions(context, plan):
    """The decisions confirmed for ``plan`` and its items, as the reader may see them."""
    user = context["request"].user
    return {"plan": plan, "rows": services.decisions_for_plan(plan, user), "user": user}
