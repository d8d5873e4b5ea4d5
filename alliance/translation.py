from modeltranslation.translator import TranslationOptions, register

from alliance.models import Organisation, Person, Report, WorkPlanItem


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "title", "bio")


@register(Report)
class ReportTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "research_team")


@register(WorkPlanItem)
class WorkPlanItemTranslationOptions(TranslationOptions):
    fields = ("area", "activity", "outcome", "deadline")
