from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "waakhond.accounts"
    label = "accounts"
