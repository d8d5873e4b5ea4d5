from modeltranslation.translator import TranslationOptions, register

from partnerships.models import ThematicPartnership


@register(ThematicPartnership)
class ThematicPartnershipTranslationOptions(TranslationOptions):
    fields = ("name", "description", "focus_areas")
