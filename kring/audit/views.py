from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import cached_property

from kring import policy
from kring.accounts.models import Role, User
from kring.audit.forms import AccessLogFilterForm
from kring.audit.log import Actor, log
from kring.audit.selectors import access_log_for
from kring.methods import allow_get

PAGE_SIZE = 100
# Counting every row of a national access log takes seconds; beyond this many the page says "more than".
COUNT_LIMIT = 10_000


class CappedPaginator(Paginator):
    """Counts at most ``COUNT_LIMIT + 1`` rows, so a search of millions of rows stays fast (the pages go up
    to the limit; a narrower search shows the rest)."""

    @cached_property
    def count(self) -> int:
        return self.object_list[: COUNT_LIMIT + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_LIMIT


@allow_get
def access_log(request):
    """For the organisation admin: who saw or changed what, searchable by client, user and period."""
    user = request.user
    if not policy.can_view_access_log(user):
        raise Http404
    form = AccessLogFilterForm(
        request.GET or None,
        clients=policy.clients_visible_to(user),
        users=User.objects.filter(organisation_id=user.organisation_id),
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    client, person = filters.get("client"), filters.get("user")
    rows = access_log_for(
        user,
        client_id=client.pk if client else None,
        user_id=person.pk if person else None,
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)  # read before this look is itself logged
    log(
        Actor.from_request(request),
        "audit.accesslog.search" if filters else "audit.accesslog.view",
        client=client,
        object_type="accesslog",
        detail=f"user={person.pk}" if person else "",
    )
    params = request.GET.copy()
    params.pop("pagina", None)
    clients_by_id = {c.pk: c for c in policy.clients_visible_to(user).filter(pk__in={r.client_id for r in page})}
    role_labels = dict(Role.choices)
    for row in page:
        row.client_label = clients_by_id.get(row.client_id)
        row.role_label = role_labels.get(row.role, row.role)
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form,
            "page": page,
            "query_string": params.urlencode(),
            "count_limit": COUNT_LIMIT,
        },
    )
