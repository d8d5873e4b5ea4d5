import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def chinese_by_default():
    """Every test starts in the site's default language, as a first visit does."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client
