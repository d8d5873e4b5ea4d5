from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance.models import Organisation
from alliance.widgets import FilterSelect
from events.models import Event
from partnerships.models import ThematicPartnership


class EventFilterForm(forms.Form):
    """The calendar's filters, read from the query string: unknown values are not found (404)."""

    partnership = forms.ModelChoiceField(
        ThematicPartnership.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Thematic partnership"),
        empty_label=_("All partnerships"),
        widget=FilterSelect,
    )
    organiser = forms.ModelChoiceField(
        Organisation.objects.filter(
            Exists(Event.organisers.through.objects.filter(organisation=OuterRef("pk")))
        ).only("slug", "name", "name_zh_hans", "name_en", "acronym"),
        to_field_name="slug",
        required=False,
        label=_("Organiser"),
        empty_label=_("All organisers"),
        widget=FilterSelect,
    )
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *Event.Kind.choices],
        required=False,
        label=_("Kind"),
        widget=FilterSelect,
    )
    country = forms.ChoiceField(required=False, label=_("Country"), widget=FilterSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # order_by() first: the model's default ordering would otherwise enter the DISTINCT
        # and give one option per event instead of one per country.
        codes = (
            Event.objects.exclude(country="")
            .order_by("country")
            .values_list("country", flat=True)
            .distinct()
        )
        self.fields["country"].choices = [("", _("All countries"))] + sorted(
            ((code, countries.name(code)) for code in codes), key=lambda choice: str(choice[1])
        )

    def filter(self, events):
        data = self.cleaned_data
        if data.get("partnership"):
            events = events.filter(partnerships=data["partnership"])
        if data.get("organiser"):
            events = events.filter(organisers=data["organiser"])
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
        if data.get("country"):
            events = events.filter(country=data["country"])
        return events

    def query_string(self):
        """The active filters, to carry over to other calendar pages."""
        data = self.cleaned_data
        pairs = []
        for name in ("partnership", "organiser"):
            if data.get(name):
                pairs.append(f"{name}={data[name].slug}")
        pairs += [f"{name}={data[name]}" for name in ("kind", "country") if data.get(name)]
        return "&".join(pairs)
