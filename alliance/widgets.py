"""Form widgets for the editors' admin and the readers' filters."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language


class RichTextWidget(AdminTextareaWidget):
    """A textarea that static/js/rich-text.js turns into the journal's rich-text editor.

    Without JavaScript it stays the admin's large textarea of HTML; either way the field
    sanitises what is saved.
    """

    class Media:
        css = {"all": ["vendor/jodit/jodit.min.css"]}
        js = ["vendor/jodit/jodit.min.js", "js/rich-text.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The language of this request, not of start-up: the editor speaks the admin's.
        context["widget"]["attrs"].update({"data-rich-text": True, "data-language": get_language()})
        return context


class FilterSelect(forms.Select):
    """A select built as a string, for the readers' filters: every calendar page shows four of
    them, with a hundred organisers and more, and the search page one; Django's per-option
    templates would take longer than the rest of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)
