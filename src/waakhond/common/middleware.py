"""Dutch first: pages are Dutch unless the visitor chose English with the language switch.

Django's LocaleMiddleware also follows the browser's Accept-Language header. For a Dutch
government service the page language should not change with the browser's settings: a visitor
chooses English with the visible switch (a cookie). The API keeps following Accept-Language,
which is how API clients ask for a language.
"""

from django.middleware.locale import LocaleMiddleware


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return super().process_request(request)
