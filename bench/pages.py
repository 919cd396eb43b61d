"""What the page benchmarks share: a client per person, the pages' forms, and the mails the run command keeps.

Each client has its own cookies and its own address (X-Forwarded-For; the server must trust 127.0.0.1 through
APP_TRUSTED_PROXIES), so per-client limits do not shape a result. The run command keeps every mail as a file in
target/run-<port>/mail/ (MAIL_DIR overrides).
"""
import glob
import http.cookiejar
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from email import message_from_binary_file


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def client(address, follow_redirects=True):
    handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
    if not follow_redirects:
        handlers.append(_NoRedirect())
    opener = urllib.request.build_opener(*handlers)
    opener.addheaders = [("X-Forwarded-For", address), ("User-Agent", "resetflow-bench")]
    return opener


def form_fields(page, form_id):
    view_state = re.search(r'name="jakarta.faces.ViewState"[^>]*value="([^"]*)"', page).group(1)
    nonce = re.search(r'nonce="([^"]*)"', page).group(1)
    return {form_id: form_id, "jakarta.faces.ViewState": view_state, "primefaces.nonce": nonce, form_id + ":submit": ""}


def submit(opener, base, path, form_id, fields):
    """Fetches the page, posts its form with these fields; returns (seconds for the post alone, status, body, location)."""
    data = form_fields(opener.open(base + path).read().decode(), form_id)
    data.update({form_id + ":" + k: v for k, v in fields.items()})
    started = time.perf_counter()
    try:
        with opener.open(base + path, urllib.parse.urlencode(data).encode()) as response:
            body = response.read().decode()
            return time.perf_counter() - started, response.status, body, None
    except urllib.error.HTTPError as answer:  # a redirect that was not followed
        elapsed = time.perf_counter() - started
        return elapsed, answer.code, answer.read().decode(errors="replace"), answer.headers.get("Location")


def mail_dir(base):
    return os.environ.get("MAIL_DIR", "target/run-%d/mail" % (urllib.parse.urlparse(base).port or 80))


def mailed_link(base, address, path, timeout=30):
    """The link to this path in the newest mail to this address, rewritten onto base (where the cookies live)."""
    deadline = time.monotonic() + timeout
    pattern = re.compile(r"https?://\S+" + re.escape(path) + r"\?token=[A-Za-z0-9_-]+")
    while time.monotonic() < deadline:
        for name in sorted(glob.glob(os.path.join(mail_dir(base), "*.eml")), reverse=True):
            with open(name, "rb") as f:
                message = message_from_binary_file(f)
            if message["To"] == address:
                part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
                found = pattern.search(part.get_payload(decode=True).decode())
                if found:
                    target = urllib.parse.urlparse(found.group(0))
                    return base + target.path + "?" + target.query
        time.sleep(0.1)
    raise SystemExit("no mail with %s to %s in %s within %d s" % (path, address, mail_dir(base), timeout))


def register(base, address, password, client_address):
    """Registers an account the way a person does: the address, the link in the mail, name and password."""
    person = client(client_address)
    submit(person, base, "/register", "register", {"email": address})
    person.open(mailed_link(base, address, "/finish-registration")).read()
    _, _, body, _ = submit(person, base, "/finish-registration", "finish",
                           {"displayName": "Bench", "password": password, "confirmation": password})
    assert "Your account" in body, "registration of %s did not finish" % address
