from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "alliance"
    verbose_name = _("The coalition")

    def ready(self):
        from alliance import signals  # noqa: F401  (connects the search index's receivers)
