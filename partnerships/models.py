from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alliance import addresses


class ThematicPartnership(models.Model):
    """One of the coalition's thematic partnerships (专题伙伴关系)."""

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Used in links; never change it.")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    focus_areas = models.TextField(_("focus areas"), blank=True)
    launched_on = models.DateField(_("launch date"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partner contributors"),
        related_name="contributor_partnerships",
        blank=True,
        help_text=_("Accounts of the partnership that may submit its news and events."),
    )
    organisations = models.ManyToManyField(
        "alliance.Organisation",
        through="Convenor",
        verbose_name=_("convening institutions"),
        related_name="convened_partnerships",
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("thematic partnership")
        verbose_name_plural = _("thematic partnerships")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return addresses.reverse("partnerships:partnership-detail", slug=self.slug)


class Convenor(models.Model):
    """A convening institution (召集机构) of a partnership, on the Chinese or international side."""

    class Side(models.TextChoices):
        CHINESE = "chinese", _("Chinese convenor")
        INTERNATIONAL = "international", _("International convenor")

    partnership = models.ForeignKey(
        ThematicPartnership,
        verbose_name=_("thematic partnership"),
        related_name="convenors",
        on_delete=models.CASCADE,
    )
    organisation = models.ForeignKey(
        "alliance.Organisation",
        verbose_name=_("organisation"),
        related_name="convenorships",
        on_delete=models.PROTECT,
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["partnership", "side", "position", "id"]
        verbose_name = _("convening institution")
        verbose_name_plural = _("convening institutions")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="unique_convenor_per_partnership"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.partnership}"
