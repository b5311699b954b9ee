"""How much of a stored date is known: a month-only item is stored on day 1 and must not be shown as "May 1"."""

from django.db import models


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


def date_precision_field():
    """The column every dated model shares; the API reads it as `datePrecision`."""
    return models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date is known: the day, only the month, or only the year.",
    )
