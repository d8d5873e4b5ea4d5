from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "DEFAULT_LANGUAGE_CODE": settings.LANGUAGE_CODE}
