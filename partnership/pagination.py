"""The one paginator of every staff list (issue 15): it counts no further than it needs to.

Django's paginator counts the whole list (`SELECT COUNT(*)`) to say "page N of M": on a list of 300,000 returns
that reads the whole table by a sequential scan on every page. This one counts the rows of the list's own order up
to a bound (`COUNT_UPTO` rows, or the pages next to the one asked for, whichever is further), so the count reads the
same index as the page itself and stops there. A list longer than the bound says "more than N" and shows no last
page; every shorter list (most of them) is counted exactly.
"""

from django.core import paginator
from django.utils.functional import cached_property

COUNT_UPTO = 1000  # rows counted exactly on any page
FURTHEST_PAGE = 1_000_000  # page numbers beyond are read as the last page (a forged page=10**30 is no SQL error)


class Paginator(paginator.Paginator):
    """Django's paginator over a bounded count: `more` says the list goes on beyond `count` rows."""

    count_upto = COUNT_UPTO
    more = False
    _reach = 1  # the page asked for (get_page sets it before counting)

    def get_page(self, number):
        """The page asked for; the first for anything not a page number, the last for any beyond the end."""
        try:
            self._reach = min(int(number), FURTHEST_PAGE)
        except (TypeError, ValueError, OverflowError):
            self._reach = 1
        if self._reach < 1:
            self._reach = number = 1
        return super().get_page(number)

    @cached_property
    def count(self):
        """Exact up to the bound; beyond it, the bound itself, with `more` set. The page after the current one's
        neighbour is counted too, so the "next" links always lead to rows."""
        if not hasattr(self.object_list, "query"):  # a list, already in memory
            return super().count
        bound = max(self.count_upto, (self._reach + 2) * self.per_page)
        counted = self.object_list[: bound + 1].count()
        self.more = counted > bound
        return bound if self.more else counted
