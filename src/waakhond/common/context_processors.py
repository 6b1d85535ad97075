from django.conf import settings


def waakhond(request):
    return {"WAAKHOND_DEMO": settings.WAAKHOND_DEMO}
