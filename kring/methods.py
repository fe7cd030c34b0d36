"""HTTP helpers shared by the views."""

from functools import wraps

from django.http import Http404


def allow_methods(*methods: str):
    """Like Django's ``require_http_methods``, but a wrong method answers 404, not 405.

    Client URLs answer every outsider with the same 404 whatever they try, so not even the allowed
    methods of a URL tell anything about the record behind it.
    """
    allowed = {m.upper() for m in methods}

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in allowed:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


allow_get = allow_methods("GET", "HEAD")
allow_post = allow_methods("POST")
allow_get_post = allow_methods("GET", "HEAD", "POST")
