from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "waakhond.common"
    label = "common"

    def ready(self) -> None:
        from config import checks  # noqa: F401  (registers the start-up checks)
