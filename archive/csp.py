"""Content-Security-Policy: the strict readers' policy, plus what the admin needs.

Readers' pages run no script (settings.CONTENT_SECURITY_POLICY). The admin runs Django's
own scripts from our static files and fetches autocomplete results from the same origin;
tests/e2e/test_content_security_policy.py checks its pages for violations in Chromium.
"""

from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
# Added to the readers' directives (django-csp's `update` appends).
HISTORY_PAGINATOR_STYLE = "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"
ADMIN_ADDITIONS = {
    "script-src": ["'self'"],
    "connect-src": ["'self'"],
    # django-simple-history's history page has one inline style, style="border-top: 0";
    # 'unsafe-hashes' with its hash allows that attribute and no other.
    "style-src": ["'unsafe-hashes'", HISTORY_PAGINATOR_STYLE],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = ADMIN_ADDITIONS
        return parts
