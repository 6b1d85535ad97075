"""Errors that services raise and views turn into a message for the user."""


class ApplicationError(Exception):
    """A refusal or failure a user can understand; `message` is already translated.

    `field` names the form field the error belongs to, when there is one; `extra` carries
    structured details for the API.
    """

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class NotFound(ApplicationError):
    """The thing does not exist or is not the caller's: both look the same from outside."""
