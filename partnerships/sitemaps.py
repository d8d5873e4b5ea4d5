from alliance.sitemaps import BilingualSitemap
from partnerships.models import ThematicPartnership


class PartnershipSitemap(BilingualSitemap):
    def items(self):
        return ThematicPartnership.objects.all()
