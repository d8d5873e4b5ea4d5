"""Form widgets for the editors' admin."""

from django.contrib.admin.widgets import AdminTextareaWidget
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
