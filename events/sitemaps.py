from alliance.sitemaps import BilingualSitemap
from events.models import Event


class EventSitemap(BilingualSitemap):
    def items(self):
        return Event.objects.published()

    def lastmod(self, event):
        return event.updated_at
