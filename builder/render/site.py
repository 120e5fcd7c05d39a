"""The workshop's static site: ``site/index.html`` (the workshop page) and ``site/verify.html``.

The verification page checks a certificate's signed token in the browser (WebCrypto Ed25519)
with the public keys published in ``site/data.js``, then looks the token up in a published status
list. Each status entry is encrypted with a key derived from the token's signature and filed under
a hash of it, so the list reveals nothing to someone without the certificate, and shows the
holder only what is printed on it (NIP masked). Data comes as a script (``data.js``), not fetched,
so the site works from ``file://`` as well as from any static web server (https or localhost:
WebCrypto needs a secure context).
"""

from __future__ import annotations

import hashlib
import html
import json


from builder.domain.certificates import mask_nip
from builder.domain.credentials import jwk
from builder.i18n import Locale
from builder.render import BuildContext, output_kind
from builder.render.inputs import people_inputs, register_state
from builder.model.workshop import Workshop
from builder.domain.register import Record, Register
from builder.domain.signing import b64url, signature_of

STYLE = """body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
#verdict{font-size:2rem;font-weight:bold;margin:.5rem 0}#verdict[data-status=valid]{color:#176b2c}
#verdict[data-status=replaced]{color:#8a5a00}#verdict[data-status=revoked],#verdict[data-status=forged],
#verdict[data-status=unknown]{color:#a40000}dl{display:grid;grid-template-columns:12rem 1fr;gap:.3rem}dt{color:#555}
dd{margin:0;font-weight:600}code{word-break:break-all}"""

VERIFY_JS = r"""'use strict';
(function () {
  const data = window.SITE_DATA;
  const L = data.labels;
  const enc = new TextEncoder();
  function unb64(text) {
    const b = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    return Uint8Array.from(b, (c) => c.charCodeAt(0));
  }
  function b64(bytes) {
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function concat(a, b) { const r = new Uint8Array(a.length + b.length); r.set(a); r.set(b, a.length); return r; }
  function tokenFromLocation() {
    const query = new URLSearchParams(location.search);
    const hash = new URLSearchParams(location.hash.slice(1));
    return query.get('t') || query.get('h') || hash.get('t') || '';
  }
  function show(status, fields, values) {
    const verdict = document.getElementById('verdict');
    verdict.dataset.status = status;
    verdict.textContent = L[status];
    let text = L[status + '_text'] || '';
    for (const [k, v] of Object.entries(values || {})) text = text.replace('{' + k + '}', v);
    document.getElementById('explain').textContent = text;
    const list = document.getElementById('fields');
    list.textContent = '';
    for (const [key, value] of fields || []) {
      const dt = document.createElement('dt'); dt.textContent = L[key];
      const dd = document.createElement('dd'); dd.dataset.field = key; dd.textContent = value;
      list.append(dt, dd);
    }
    document.body.dataset.done = 'yes';
  }
  function formatDay(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return d + ' ' + data.months[m - 1] + ' ' + y;
  }
  function formatRange(first, last) {
    if (first === last) return formatDay(first);
    const [a, b] = [first.split('-'), last.split('-')];
    if (a[0] === b[0] && a[1] === b[1]) return Number(a[2]) + '–' + formatDay(last);
    return formatDay(first) + ' – ' + formatDay(last);
  }
  async function verifySignature(payload, signature) {
    for (const raw of data.keys) {
      const key = await crypto.subtle.importKey('raw', unb64(raw), { name: 'Ed25519' }, false, ['verify']);
      if (await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, payload)) return true;
    }
    return false;
  }
  async function statusOf(signature) {
    const id = new Uint8Array(await crypto.subtle.digest('SHA-256', concat(enc.encode('id:'), signature)));
    const sealed = data.status[b64(id.slice(0, 16))];
    if (!sealed) return null;
    const secret = await crypto.subtle.digest('SHA-256', concat(enc.encode('key:'), signature));
    const key = await crypto.subtle.importKey('raw', secret, { name: 'AES-GCM' }, false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, unb64(sealed));
    return JSON.parse(new TextDecoder().decode(plain));
  }
  async function run() {
    const token = tokenFromLocation();
    if (!token) return show('empty');
    if (!window.crypto || !crypto.subtle) return show('nocrypto');
    const parts = token.split('.');
    let payload, signature;
    try {
      payload = unb64(parts[0]); signature = unb64(parts[1] || '');
    } catch (e) { return show('forged'); }
    let genuine = false;
    try {
      genuine = parts.length === 2 && signature.length === 64 && await verifySignature(payload, signature);
    } catch (e) { return show('nocrypto'); }
    if (!genuine) return show('forged');
    const f = new TextDecoder().decode(payload).split('|');
    if (f.length !== 9 || f[0] !== '1' || f[4] !== data.event.id) return show('unknown');
    const entry = await statusOf(signature);
    if (!entry || entry.n !== f[1]) return show('unknown');
    const fields = [['number', f[1]], ['version', f[8]], ['name', f[2]]];
    if (entry.nip) fields.push(['nip', entry.nip]);
    if (entry.pos) fields.push(['position', entry.pos]);
    fields.push(['role', data.roles[f[3]] || f[3]], ['event', data.event.title],
                ['dates', formatRange(f[5], f[6])],
                ['venue', data.event.venue], ['jp', f[7]]);
    show(entry.s, fields, { v: f[8], c: entry.c });
  }
  run().catch((e) => show('nocrypto'));
})();
"""

def seal(token: str, entry: dict) -> tuple[str, str]:
    """(id, sealed entry) of one token: SHA-256 of its signature files it, AES-GCM under another hash seals it."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    signature = signature_of(token)
    entry_id = b64url(hashlib.sha256(b"id:" + signature).digest()[:16])
    key = hashlib.sha256(b"key:" + signature).digest()
    plain = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return entry_id, b64url(AESGCM(key).encrypt(bytes(12), plain, None))


def status_entries(records: list[Record]) -> dict[str, str]:
    """The sealed status list: one entry per issued version."""
    entries = {}
    for record in records:
        for version in record.versions:
            position = " – ".join(part for part in (version.position, version.agency) if part)
            entry = {"n": record.number, "s": record.status_of(version.version), "c": record.version,
                     "nip": mask_nip(version.nip) if version.nip else "", "pos": position}
            entry_id, sealed = seal(version.token, entry)
            entries[entry_id] = sealed
    return dict(sorted(entries.items()))


def site_data(workshop: Workshop, locale: Locale, register: Register | None) -> dict:
    """Everything the verification page needs, published as ``data.js``."""
    cur = workshop.curriculum
    records = register.records() if register is not None else []
    keys = register.public_keys() if register is not None else {}
    return {"event": {"id": workshop.id, "title": cur.title, "venue": f"{cur.venue}, {cur.city}"},
            "labels": locale.labels("verify."), "months": list(locale.labels("month.").values()),
            "roles": locale.roles(), "keys": [b64url(k) for k in keys.values()],
            "status": status_entries(records)}


def _page(locale: Locale, title: str, body: str, scripts: tuple[str, ...] = ()) -> str:
    """A complete HTML page."""
    tags = "".join(f'<script src="{name}"></script>' for name in scripts)
    return (f'<!doctype html>\n<html lang="{locale.language}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style></head><body>\n{body}\n{tags}</body></html>\n")


def verify_page(workshop: Workshop, locale: Locale) -> str:
    """``verify.html``."""
    title = f"{locale.label('site.title')} – {workshop.curriculum.title}"
    body = (f"<h1>{html.escape(locale.label('site.title'))}</h1>\n<p>{html.escape(workshop.curriculum.title)}</p>\n"
            f'<p id="verdict" data-status="pending">…</p>\n<p id="explain"></p>\n<dl id="fields"></dl>\n'
            f'<p><a href="index.html">{html.escape(workshop.curriculum.title)}</a></p>')
    return _page(locale, title, body, ("data.js", "verify.js"))


def issued_counts(register: Register | None, locale: Locale) -> list[tuple[str, int]]:
    """How many certificates in force per role."""
    counts: dict[str, int] = {}
    for record in register.records() if register is not None else []:
        if record.status == "valid":
            role = locale.role(record.current.role)
            counts[role] = counts.get(role, 0) + 1
    return sorted(counts.items())


def index_page(workshop: Workshop, locale: Locale, register: Register | None) -> str:
    """``index.html``: the workshop's title, dates, venue, agenda and certificates issued."""
    cur = workshop.curriculum
    e = html.escape
    parts = [f"<h1>{e(cur.title)}</h1>"]
    if cur.theme:
        parts.append(f"<p><em>{e(cur.theme)}</em></p>")
    parts.append("<dl>"
                 f"<dt>{e(locale.label('site.dates'))}</dt><dd>{e(locale.date_range(cur.first_date, cur.last_date))}</dd>"
                 f"<dt>{e(locale.label('site.venue'))}</dt><dd>{e(cur.venue)}, {e(cur.city)}, {e(cur.province)}</dd>"
                 f"<dt>{e(locale.label('site.organizer'))}</dt><dd>{e(cur.organizer)}</dd>"
                 f"<dt>{e(locale.label('jp'))}</dt><dd>{cur.jp}</dd></dl>")
    parts.append(f"<h2>{e(locale.label('site.agenda'))}</h2>")
    for day in cur.days:
        parts.append(f"<h3>{e(locale.date(day.date))}{' – ' + e(day.title) if day.title else ''}</h3>")
        parts.append(f"<table><tr><th>{e(locale.label('site.time'))}</th><th>{e(locale.label('site.session'))}</th>"
                     f"<th>{e(locale.label('facilitator'))}</th></tr>")
        for item in day.items:
            title = item.title or (workshop.modules[item.module].title if item.module in workshop.modules else "")
            parts.append(f"<tr><td>{e(locale.time_range(item.start, item.end))}</td><td>{e(title)}</td>"
                         f"<td>{e(item.facilitator or item.moderator)}</td></tr>")
        parts.append("</table>")
    counts = issued_counts(register, locale)
    total = sum(n for _, n in counts)
    detail = ", ".join(f"{role.lower()} {n}" for role, n in counts)
    parts.append(f"<h2>{e(locale.label('site.issued'))}</h2><p id=\"issued\" data-count=\"{total}\">"
                 f"{total if total else e(locale.label('site.none'))}{' (' + e(detail) + ')' if detail else ''}</p>")
    parts.append(f"<p>{e(locale.label('site.how'))}</p><p><a href=\"verify.html\">{e(locale.label('site.verify_link'))}</a></p>")
    keys = register.public_keys() if register is not None else {}
    if keys:
        parts.append(f"<p>{e(locale.label('site.key'))}: " + ", ".join(
            f"<code>{e(kid)}</code>" for kid in keys) + ' (<a href="keys.json">JWK</a>)</p>')
    return _page(locale, cur.title, "\n".join(parts))


@output_kind("site", "site/index.html, verify.html, verify.js, data.js, keys.json, status.json")
def render(ctx: BuildContext) -> None:
    """The workshop page and the certificate verification page."""
    from builder.render.certificates import open_register

    workshop = ctx.workshop
    # The register is read late (when the unit is recorded, after this build's numbers are committed).
    if ctx.reuse("site", "site", people_inputs(workshop), lambda: register_state(workshop)):
        return
    shared = ctx.prepared.get("certificates.register")  # the numbers this build's certificates print
    register = shared or (open_register(workshop) if workshop.curriculum.certificate is not None else None)
    try:
        data = site_data(workshop, ctx.locale, register)
        keys = register.public_keys() if register is not None else {}
        index = index_page(workshop, ctx.locale, register)
    finally:
        if register is not None and register is not shared:
            register.close()
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    ctx.out.write("site", "site/data.js", f"window.SITE_DATA = {text};\n".encode("utf-8"))
    ctx.out.write("site", "site/verify.js", VERIFY_JS.encode("utf-8"))
    ctx.out.write("site", "site/verify.html", verify_page(workshop, ctx.locale).encode("utf-8"))
    ctx.out.write("site", "site/index.html", index.encode("utf-8"))
    jwks = {"keys": [jwk(public, kid) for kid, public in keys.items()]}
    ctx.out.write("site", "site/keys.json", (json.dumps(jwks, indent=1) + "\n").encode("utf-8"))
    ctx.out.write("site", "site/status.json", (json.dumps(data["status"], indent=1) + "\n").encode("utf-8"))
    if register is None and workshop.curriculum.certificate is not None:
        ctx.out.note("site", "no certificate register yet: the verification page has nothing to verify "
                             "(build certificates first)")
