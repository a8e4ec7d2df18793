"""The story list at 100,000 stories: its pages and its date drill-down, without a full pass.

Django's changelist reads a page with OFFSET over whole rows, so the middle of the list
read every story before it; and its date drill-down finds the years (months, days) that
hold a story with a SELECT DISTINCT over the whole filtered list. Both give the same
answers here from the indexes.
"""

from calendar import monthrange
from datetime import date, datetime, timedelta

from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _

# Long texts the list never shows: left in the table, not sent to Python 100 times a page.
NOT_LISTED = ["standfirst", "body", "omission_note", "withdrawal_reason"]
# Up to this many stories in the filtered list, a DISTINCT over them is cheap; an index
# probe per period could read more (a period holding none of them reads all of its own).
PROBE_ABOVE = 5_000


class StoryChangeList(ChangeList):
    """The list's rows without the long texts, which no column shows (the actions still
    get whole stories: they use ``get_queryset()``)."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = self.result_list.defer(*NOT_LISTED)


class StoryListPaginator(Paginator):
    """A page in two steps: its keys from the index (OFFSET skips index entries, not
    whole stories), then those stories."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)


def date_hierarchy(cl):
    """Django's date drill-down (admin_list.date_hierarchy), the same links from fewer and
    cheaper queries (StoryDates)."""
    field = cl.date_hierarchy
    year, month, day = (cl.params.get(f"{field}__{part}") for part in ("year", "month", "day"))
    if day:
        return admin_list.date_hierarchy(cl)  # one day: no query

    def link(filters):
        return cl.get_query_string(filters, [f"{field}__"])

    dates = StoryDates(cl)
    if year:
        year = int(year)
    else:
        years = dates.years()
        if len(years) != 1:
            choices = [{"link": link({f"{field}__year": str(y)}), "title": str(y)} for y in years]
            return {"show": True, "back": None, "choices": choices}
        year = years[0]
    if month:
        month = int(month)
    else:
        months = dates.months(year)
        if len(months) != 1:
            choices = [
                {
                    "link": link({f"{field}__year": year, f"{field}__month": start.month}),
                    "title": capfirst(formats.date_format(start, "YEAR_MONTH_FORMAT")),
                }
                for start in months
            ]
            return {
                "show": True,
                "back": {"link": link({}), "title": _("All dates")},
                "choices": choices,
            }
        month = months[0].month
    choices = [
        {
            "link": link(
                {f"{field}__year": year, f"{field}__month": month, f"{field}__day": d.day}
            ),
            "title": capfirst(formats.date_format(d, "MONTH_DAY_FORMAT")),
        }
        for d in dates.days(year, month)
    ]
    return {
        "show": True,
        "back": {"link": link({f"{field}__year": year}), "title": str(year)},
        "choices": choices,
    }


class StoryDates:
    """Which years, months and days (in the current time zone) hold a story of the list.

    A short list is read once, as its distinct days. A long one is asked one ``LIMIT 1``
    probe per candidate period, all in one query; its first and last years come from
    MIN and MAX, which the publish-time index answers at once.
    """

    def __init__(self, cl):
        self.queryset, self.field, self.count = cl.queryset, cl.date_hierarchy, cl.result_count

    @cached_property
    def all_days(self):
        if not self.count:
            return []
        moments = self.queryset.datetimes(self.field, "day")
        return sorted({timezone.localtime(moment).date() for moment in moments})

    def years(self):
        if self.count <= PROBE_ABOVE:
            return sorted({d.year for d in self.all_days})
        first, last = self.queryset.aggregate(first=Min(self.field), last=Max(self.field)).values()
        if first is None:
            return []
        first, last = timezone.localtime(first).year, timezone.localtime(last).year
        between = [(date(y, 1, 1), date(y + 1, 1, 1)) for y in range(first + 1, last)]
        return sorted({first, last, *(start.year for start in self.probe(between))})

    def months(self, year):
        if self.count <= PROBE_ABOVE:
            return sorted({date(year, d.month, 1) for d in self.all_days if d.year == year})
        starts = [date(year, m, 1) for m in range(1, 13)]
        return self.probe(list(zip(starts, [*starts[1:], date(year + 1, 1, 1)], strict=True)))

    def days(self, year, month):
        if self.count <= PROBE_ABOVE:
            return [d for d in self.all_days if (d.year, d.month) == (year, month)]
        starts = [date(year, month, d) for d in range(1, monthrange(year, month)[1] + 1)]
        return self.probe([(start, start + timedelta(days=1)) for start in starts])

    def probe(self, periods):
        """The (start, end) periods that hold a story, as their starts."""
        if not periods or not self.count:
            return []
        zone = timezone.get_current_timezone()
        probes = [
            self.queryset.filter(
                **{
                    f"{self.field}__gte": midnight(start, zone),
                    f"{self.field}__lt": midnight(end, zone),
                }
            )
            .order_by(self.field)  # the publish-time index, wherever the rows lie on disk
            .values_list(self.field, flat=True)[:1]
            for start, end in periods
        ]
        found = [timezone.localtime(m).date() for m in probes[0].union(*probes[1:], all=True)]
        return [start for start, end in periods if any(start <= d < end for d in found)]


def midnight(day, zone):
    return datetime(day.year, day.month, day.day, tzinfo=zone)
