"""Request ids for the access log, and the access log's safety net for pages about a client."""

import re
import uuid

from kring.audit.log import Actor, log, logging_clients

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (or keep a sane one from the proxy) for the access log and the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class ClientPageLogMiddleware:
    """Every page about a client that is shown leaves an access-log row, also where a view did not write one.

    Views log what they show with their own event (``support.action.view``, ...). A page under
    ``/clienten/<pk>/`` that comes back (200; 422 for a form returned with its messages; 409 for one that
    someone else changed meanwhile) while no row for that client was written gets a general one here: a form
    sent back shows the client's data again just as its first showing did. A page only comes back once the
    view has let the user in (everyone else gets 404), so the row records a reading that happened.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with logging_clients() as logged:
            response = self.get_response(request)
        match = request.resolver_match
        if (
            response.status_code in (200, 409, 422)
            and match is not None
            and request.path.startswith("/clienten/")
            and str(match.kwargs.get("pk", "")).isdigit()
            and request.user.is_authenticated
        ):
            client_pk = int(match.kwargs["pk"])
            if client_pk not in logged:
                self._log(request, client_pk, match.view_name)
        return response

    @staticmethod
    def _log(request, client_pk: int, view_name: str) -> None:
        from kring.clients.models import Client

        client = Client.objects.filter(pk=client_pk).first()
        if client is not None:
            detail = f"{request.method} {view_name}" + (": form shown again" if request.method == "POST" else "")
            log(Actor.from_request(request), "clients.client.view", client=client, detail=detail)
