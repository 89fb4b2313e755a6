"""URL identity and URL safety.

``canonical_url`` gives one spelling per page so the same article reached through a feed link with tracking
parameters, a redirect, or a different host case is stored once. ``check_scheme`` / ``check_address`` are
the safety policy every request (and every redirect hop) passes before a connection is made.
"""

from __future__ import annotations

import functools
import ipaddress
import posixpath
import re
from urllib.parse import SplitResult, parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from guancha.errors import BlockedURL

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that identify the visitor or the campaign, never the page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid", "igshid", "li_fat_id",
        "mc_cid", "mc_eid", "mkt_tok", "ref", "ref_src", "ref_url", "referrer", "cmpid",
        "_ga", "_gl", "_hsenc", "_hsmi", "hsctatracking", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv",
        "wt.mc_id", "wt_mc_id", "ocid", "spm", "scm", "s_cid", "icid", "ito", "ncid", "sr_share", "share",
        "smid",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "hmb_", "__hs", "_hs")

# Second-level labels under which registrations happen (example.co.uk, example.com.cn): a pragmatic list,
# not the full Public Suffix List, used only to decide whether rel=canonical stays on the same site.
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "mil", "nic", "ltd", "plc"})


def _strip_brackets(host: str) -> str:
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


@functools.lru_cache(maxsize=4096)  # a collection asks about the same few hosts for every link
def _normalise_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    if not host:
        return host
    if _ip(host) is not None:
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


@functools.lru_cache(maxsize=4096)
def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(_strip_brackets(host))
    except ValueError:
        return None


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _normalise_escapes(path: str) -> str:
    """RFC 3986 6.2.2: decode escaped unreserved characters, uppercase the other escapes, escape the rest."""

    def one(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return quote(_ESCAPE.sub(one, path), safe="/:@!$&'()*+,;=-._~%")


def _normalise_path(path: str) -> str:
    """Resolve dot segments, collapse '//' and settle the trailing slash (kept only for the root)."""
    if not path:
        return "/"
    resolved = posixpath.normpath(_normalise_escapes(path))
    if resolved in {".", ""}:
        resolved = "/"
    if resolved.startswith("//"):
        resolved = "/" + resolved.lstrip("/")
    if not resolved.startswith("/"):
        resolved = "/" + resolved
    # drop index files and trailing slashes so /a/, /a and /a/index.html are one page
    for index in ("/index.html", "/index.htm", "/index.php"):
        if resolved.endswith(index):
            resolved = resolved[: -len(index)] or "/"
    if len(resolved) > 1:
        resolved = resolved.rstrip("/") or "/"
    return resolved


def canonical_path(path: str) -> str:
    """The path part of ``canonical_url`` for a bare URL path ('/a/', '/a/index.html' and '/a' are '/a'); a query is
    kept as written."""
    bare, mark, query = path.partition("?")
    return _normalise_path(bare) + mark + query


@functools.lru_cache(maxsize=8192)  # collection canonicalises each link three or four times in a row
def canonical_url(url: str) -> str:
    """One spelling per page: lowercase scheme and host, no default port, no fragment, no tracking
    parameters, remaining parameters sorted, dot segments resolved, no trailing slash except the root.

    URLs with other schemes are returned stripped and otherwise untouched (they are refused elsewhere).
    """
    raw = url.strip()
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return raw
    host = _normalise_host(parts.hostname or "")
    ip = _ip(host)
    if ip is not None and ip.version == 6:
        host = f"[{ip.compressed}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{host}:{port}"
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    query_pairs.sort()
    query = urlencode(query_pairs, doseq=True, quote_via=quote)
    return urlunsplit((scheme, netloc, _normalise_path(parts.path), query, ""))


def page_key(url: str) -> str:
    """A comparison key for "is this the same page?": the canonical URL with http and https, and a
    leading ``www.``, folded together. Selection, the ledger check and the gates all compare with this,
    so they cannot disagree; stored and shown URLs stay canonical (``canonical_url``)."""
    try:
        canon = canonical_url(url)
    except ValueError:  # not parseable as a URL (a gate's input may be anything): compare it as written
        return url.strip()
    parts = urlsplit(canon)
    if parts.scheme not in ALLOWED_SCHEMES:
        return canon
    return urlunsplit(("https", parts.netloc.removeprefix("www."), parts.path, parts.query, ""))


# A copy of a page at another address: the AMP cache's ("www-site-com.cdn.ampproject.org/c/s/www.site.com/a"), a
# mobile or AMP host ("m.site.com/a", "amp.site.com/a"), an AMP path or flag ("/a/amp", "/a?amp=1",
# "?outputType=amp"). Tracking parameters and "www." are page_key's already.
_AMP_CACHE_PATH = re.compile(r"^/[cv]/(?:s/)?(?P<rest>[^/]+\.[^/]+/.*)$")
_COPY_HOST_PREFIX = re.compile(r"^(?:m|mobile|amp|www|mobil)\.")
_AMP_QUERY = re.compile(r"^(?:amp|outputtype|output)$", re.IGNORECASE)


def page_copy_key(key: str) -> str:
    """A ``page_key`` with the copies of its page at other addresses (AMP cache, mobile and AMP hosts and paths)
    folded into it: a story listing one page under two of them counts one account as two. Collection keeps keying
    pages with ``page_key``; the ledger's stored keys stay comparable."""
    parts = urlsplit(key)
    host, path = parts.netloc, parts.path
    if host.endswith(".cdn.ampproject.org") and (m := _AMP_CACHE_PATH.match(path)) is not None:
        parts = urlsplit(page_key("https://" + m.group("rest")))
        host, path = parts.netloc, parts.path
    host = _COPY_HOST_PREFIX.sub("", host)
    path = path.removesuffix("/amp").removesuffix(".amp") or "/"
    query = "&".join(q for q in parts.query.split("&") if q and not _AMP_QUERY.match(q.split("=", 1)[0]))
    return f"https://{host}{path}" + (f"?{query}" if query else "")


def strip_userinfo(url: str) -> str:
    """The URL without ``user:password@``: the one sanitiser for every URL guancha fetches, stores or shows.

    Credentials in a feed or page link would otherwise be sent as Basic auth (to robots.txt too), stored in
    the database and printed in reports."""
    url = url.strip()
    if "@" not in url or url_scheme(url) not in ALLOWED_SCHEMES:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, parts.query, parts.fragment))


# A query parameter that carries a secret ("?api_key=…", "&access_token=…", "?sig=…", "?password=…"): its value is
# hidden wherever a URL is shown. Linear: a name of bounded length, then the value up to a delimiter.
_SECRET_QUERY = re.compile(r"([?&;](?:[\w.-]{0,30}?(?:key|token|secret|passw(?:or)?d|pwd|sig(?:nature)?|auth\w{0,20}|"
                           r"credential\w{0,5}|session\w{0,5}))=)[^&#;,\s\"'<>)\]]+", re.IGNORECASE)
# "scheme://user:password@host": the password, up to the last "@" before the host (a password may hold "@")
_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]{1,20}://[^\s:/@\"'<>]{0,100}:)[^\s/\"'<>]{1,200}@(?=[^\s/@\"'<>]+(?:[/?#\s\"'<>]|$))",
                           re.IGNORECASE)


def hide_url_secrets(text: str) -> str:
    """``text`` with every URL's password and secret-looking query values ("api_key", "token", "sig",
    "password") shown as ``***``: what a terminal, a listing or an error may print of a URL. A feed URL keeps its
    token where it is used (the collector needs it); only what is shown is masked."""
    if "=" in text:
        text = _SECRET_QUERY.sub(r"\1***", text)
    if "@" in text:
        text = _URL_PASSWORD.sub(r"\1***@", text)
    return text


def absolute_url(base: str, link: str) -> str:
    """Resolve a link found in a document against the document's URL (absolute links kept verbatim, so a
    refused ``file:///`` link is recorded exactly as it was written; credentials are always dropped)."""
    link = link.strip()
    if url_scheme(link):
        return strip_userinfo(link)
    return strip_userinfo(urljoin(base, link))


def url_host(url: str) -> str:
    return _normalise_host(urlsplit(url).hostname or "")


def registrable_domain(host: str) -> str:
    """The site a host belongs to (news.example.co.uk → example.co.uk). IP addresses are their own site."""
    host = _normalise_host(host)
    if _ip(host) is not None:
        return host
    labels = [label for label in host.split(".") if label]
    if len(labels) <= 2:
        return ".".join(labels)
    if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def shared_host_segment(url: str) -> str | None:
    """On a host without a domain name (an IP address, ``localhost``), where several sites can share one server, the
    first path segment, which tells the sites apart ("" for the root); None on a host with a domain name."""
    host = url_host(url)
    if host != "localhost" and _ip(host) is None:
        return None
    return next((part for part in urlsplit(url).path.split("/") if part), "")


def same_site(a: str, b: str) -> bool:
    """Whether two URLs belong to one site: one registrable domain (feeds.example.com and www.example.com), and on a
    host without a domain name also one first path segment (``shared_host_segment``)."""
    return registrable_domain(url_host(a)) == registrable_domain(url_host(b)) \
        and shared_host_segment(a) == shared_host_segment(b)


def is_home_page(url: str) -> bool:
    parts = urlsplit(url)
    return _normalise_path(parts.path) == "/" and not parts.query


# --------------------------------------------------------------------------- safety


_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_scheme(url: str) -> str:
    match = _SCHEME_RE.match(url.strip())
    return match.group(1).lower() if match else ""


def check_scheme(url: str) -> None:
    """Refuse anything but http(s): file:, ftp:, javascript:, data:, mailto: ... never leave guancha."""
    scheme = url_scheme(url)
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme + ":" if scheme else "no scheme"
        raise BlockedURL(
            f"refused: {shown} URLs are never fetched (only http and https)",
            url=url,
            kind="blocked-scheme",
            fix="use an http(s) URL",
        )
    if not urlsplit(url.strip()).hostname:
        raise BlockedURL("refused: the URL has no host", url=url, kind="blocked-scheme", fix="use an absolute http(s) URL")


def is_public_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """False for private, loopback, link-local, multicast, reserved and unspecified addresses."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _port(parts: SplitResult) -> int | None:
    try:
        return parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None


def _entry(entry: str) -> tuple[str, str, int | None, str]:
    """An allow-list entry as (scheme, host, port, path prefix): 'host', 'host:port', '[v6]:port' or a URL prefix."""
    entry = entry.strip()
    if "://" in entry:
        parts = urlsplit(entry)
        return parts.scheme.lower(), _normalise_host(parts.hostname or ""), _port(parts), parts.path or "/"
    host, port = entry, None
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        port = int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    elif entry.count(":") == 1:
        name, _, number = entry.partition(":")
        if number.isdigit():
            host, port = name, int(number)
    return "", _normalise_host(host), port, ""


def url_is_allowed(url: str, allow: list[str] | frozenset[str], *, any_port: bool = True) -> bool:
    """Whether the allow-list names this URL's host as written (never through its resolved address).

    An entry is a host (any port, unless ``any_port`` is False: a redirect hop must match a host:port or URL
    prefix entry), ``host:port``, or a URL prefix such as ``http://127.0.0.1:8080/feeds/``."""
    parts = urlsplit(url.strip())
    host, port = _normalise_host(_strip_brackets(parts.hostname or "")), _port(parts)
    for raw in allow:
        scheme, e_host, e_port, prefix = _entry(raw)
        if e_host != host:
            continue
        if scheme:
            if scheme == parts.scheme.lower() and e_port == port and (parts.path or "/").startswith(prefix):
                return True
        elif e_port is not None:
            if e_port == port:
                return True
        elif any_port:
            return True
    return False


def check_address(url: str, addresses: list[str], allow: list[str] | frozenset[str], *, any_port: bool = True) -> None:
    """Refuse a URL whose host resolves to a non-public address unless the allow-list names the URL's own host
    (and port). A name resolving to an allowed address is not allowed by that: ``localhost`` is not 127.0.0.1."""
    host = _strip_brackets(url_host(url))
    if url_is_allowed(url, allow, any_port=any_port):
        return
    for address in addresses:
        ip = _ip(address.split("%", 1)[0])
        if ip is None:
            continue
        if not is_public_address(ip):
            raise BlockedURL(
                f"refused: {host} resolves to the non-public address {ip}",
                url=url,
                kind="blocked-private",
                fix="add the host, host:port or URL prefix to http.allow_private_hosts in guancha.yaml if you trust it",
            )


def literal_ip(url: str) -> str | None:
    """The host when it is an IP literal (so no DNS lookup is needed)."""
    host = _strip_brackets(url_host(url))
    return host if _ip(host) is not None else None
