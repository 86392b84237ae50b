#!/usr/bin/env python3
"""A real OpenID Provider for the sign-in tests, built on pyop (IdentityPython's OP library).

pyop does the protocol: it validates authorization requests, issues and redeems codes (once),
checks PKCE and client authentication and signs the ID tokens. This file only gives it an HTTP
front, users, clients, keys and a few test-only ways to misbehave. Started by scripts/oidc.sh:

    oidc-provider.py keygen DIR                  the first RSA signing key (DIR/keys.json, mode 0600)
    oidc-provider.py serve DIR PORT [ISSUER]     serve on 127.0.0.1:PORT (ISSUER: http://127.0.0.1:PORT)

Endpoints
    GET  /.well-known/openid-configuration, GET /jwks, GET /userinfo, POST /token
    GET  /authorize?…    validates the request and shows a login form (method post, no action:
                         a browser posts it back to the same URL, query included)
    POST /authorize?…    form fields `username`, `password` → 302 to redirect_uri?code=…&state=…;
                         a wrong password shows the form again with status 401

Test-only fields of the login form: they change what the ID token of *that* code is signed as,
so tests running side by side do not see each other's misbehaviour.
    test_expired=1       exp lies 5 minutes in the past
    test_forged=1        signed with a key that is not published, under the published key's kid
    test_audience=ID     aud is ID instead of the client that redeems the code
    test_nonce=TEXT      nonce is TEXT instead of the one in the authorization request

Test-only endpoint for everyone at once:
    POST /test/rotate    form field `alg` RS256 (default) or ES256: a new signing key with a new
                         kid; the JWKS then publishes it first and keeps the old ones. Answers
                         {"kid": …}.

Users: takahashi, yamazaki, watanabe, tanaka, stranger, nonumber, kato; password `<user>-pass-2026`.
Clients: dxskills and dxskills-other (client_secret_basic, secrets in DIR/client-secret and
DIR/other-client-secret), dxskills-public (no secret, PKCE). Redirect URIs: any
http://127.0.0.1:PORT/signin/oidc/callback (also localhost and [::1]) and
https://dxskills.example.lg.jp/signin/oidc/callback.
"""

import html
import json
import logging
import os
import re
import secrets
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from Cryptodome.PublicKey import RSA
from jwkest.ecc import P256
from jwkest.jwk import ECKey, RSAKey, base64_to_long
from pyop.authz_state import AuthorizationState
from pyop.exceptions import InvalidAuthenticationRequest, InvalidClientAuthentication, OAuthError
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo

# The employee numbers match the test fixture's staff (Tests/DXSkillsTestSupport/Fixtures.swift);
# kato's is a JSON number, as some directories send it.
USERS = {
    "takahashi": {"employee_no": "E001", "name": "髙橋 一郎"},
    "yamazaki": {"employee_no": "E002", "name": "山﨑 花子"},
    "watanabe": {"employee_no": "E007", "name": "渡辺 七海"},
    "tanaka": {"employee_no": "E005", "name": "田中 五郎"},
    "stranger": {"employee_no": "X999", "name": "部外 太郎"},
    "nonumber": {"name": "番号 なし"},
    "kato": {"employee_no": 20071, "name": "加藤 二郎"},
}

CLIENTS = ("dxskills", "dxskills-other", "dxskills-public")
SECRET_FILES = {"dxskills": "client-secret", "dxskills-other": "other-client-secret"}


class LoopbackCallbacks(list):
    """Redirect URIs: the callback on any loopback port, since each test server picks a free one."""

    pattern = re.compile(r"http://(127\.0\.0\.1|localhost|\[::1\]):[0-9]{1,5}/signin/oidc/callback")

    def __contains__(self, uri):
        return bool(self.pattern.fullmatch(uri)) or list.__contains__(self, uri)


def user_record(user):
    record = {"sub": f"sub-{user}-7f3a", "name": USERS[user]["name"], "email": f"{user}@example.lg.jp"}
    if "employee_no" in USERS[user]:
        record["employee_no"] = USERS[user]["employee_no"]
    return record


def new_rsa_key():
    # Generating a 2048-bit key takes from a tenth of a second to several on a busy machine, and a
    # token request waits for it under the provider's lock: serve rotations and forgeries from
    # keys made at start-up while there are any.
    key = SPARE_RSA_KEYS.pop() if SPARE_RSA_KEYS else RSA.generate(2048)
    return RSAKey(key=key, kid=f"rsa-{secrets.token_hex(4)}", alg="RS256", use="sig")


SPARE_RSA_KEYS = []


def new_ec_key():
    private, public = P256.key_pair()
    return ECKey(crv="P-256", x=public[0], y=public[1], d=private, kid=f"ec-{secrets.token_hex(4)}", alg="ES256", use="sig")


def load_key(jwk):
    # jwkest's keyrep leaves an EC key's d as bytes, which cannot sign: pass the numbers instead.
    if jwk["kty"] == "EC":
        numbers = {name: base64_to_long(jwk[name]) for name in ("x", "y", "d")}
        return ECKey(crv=jwk["crv"], kid=jwk["kid"], alg=jwk["alg"], use="sig", **numbers)
    return RSAKey(**jwk)


class TestProvider(Provider):
    """pyop's Provider, with the test-only changes of the code being redeemed applied when it signs."""

    def __init__(self, signing_key, configuration, *args, **kwargs):
        # oic refuses an issuer that is not https when it checks the configuration at start-up; the
        # tests' is http on the loopback interface, as the client allows there.
        super().__init__(signing_key, dict(configuration, issuer="https://op.invalid"), *args, **kwargs)
        self.configuration_information["issuer"] = configuration["issuer"]
        self.published = [self.signing_key]
        self.misbehaviour = {}  # what the test asked for, by authorization code
        self.current = {}  # the misbehaviour of the token request being answered (under the lock)

    @property
    def jwks(self):
        return {"keys": [key.serialize() for key in self.published]}

    def rotate(self, alg):
        key = new_ec_key() if alg == "ES256" else new_rsa_key()
        self.signing_key = key
        self.published.insert(0, key)
        algs = self.configuration_information["id_token_signing_alg_values_supported"]
        self.configuration_information["id_token_signing_alg_values_supported"] = [alg] + [a for a in algs if a != alg]
        return key.kid

    def _create_signed_id_token(self, client_id, sub, user_claims=None, nonce=None, authorization_code=None,
                                access_token_value=None, extra_id_token_claims=None):
        test = self.current
        saved = (self.signing_key, self.id_token_lifetime)
        if test.get("test_expired"):
            self.id_token_lifetime = -300
        if test.get("test_forged"):
            # The same kind of key under the same kid, so only the signature itself is wrong.
            rogue = new_ec_key() if isinstance(self.signing_key, ECKey) else new_rsa_key()
            rogue.kid = self.signing_key.kid
            self.signing_key = rogue
        try:
            return super()._create_signed_id_token(
                test.get("test_audience", client_id), sub, user_claims, test.get("test_nonce", nonce),
                authorization_code, access_token_value, extra_id_token_claims)
        finally:
            self.signing_key, self.id_token_lifetime = saved


def build_provider(directory, issuer):
    with open(os.path.join(directory, "keys.json")) as file:
        signing_key = load_key(json.load(file)["keys"][0])
    clients = {}
    for client_id in CLIENTS:
        client = {
            "redirect_uris": LoopbackCallbacks(["https://dxskills.example.lg.jp/signin/oidc/callback"]),
            "response_types": ["code"],
            "token_endpoint_auth_method": "none" if client_id == "dxskills-public" else "client_secret_basic",
        }
        if client_id in SECRET_FILES:
            with open(os.path.join(directory, SECRET_FILES[client_id])) as file:
                client["client_secret"] = file.read().strip()
        clients[client_id] = client
    configuration = {
        "issuer": issuer,
        "authorization_endpoint": issuer + "/authorize",
        "token_endpoint": issuer + "/token",
        "userinfo_endpoint": issuer + "/userinfo",
        "jwks_uri": issuer + "/jwks",
        "scopes_supported": ["openid", "email", "profile"],
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256", "ES256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "none"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "name", "email", "employee_no"],
    }
    state = AuthorizationState(HashBasedSubjectIdentifierFactory(secrets.token_hex(16)))
    users = Userinfo({user: user_record(user) for user in USERS})
    return TestProvider(signing_key, configuration, state, clients, users)


def id_token_claims(user_id, client_id):
    # Entra ID (optional claims) and Keycloak (mappers) put these into the ID token itself.
    record = user_record(user_id)
    return {name: record[name] for name in ("name", "email", "employee_no") if name in record}


LOGIN_FORM = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Test OP sign-in</title></head><body>
<h1>Test OpenID Provider</h1>
<p>{message}</p>
<form method="post">
  <label>User <input name="username" autocomplete="username"></label>
  <label>Password <input name="password" type="password" autocomplete="current-password"></label>
  <!-- test-only fields: test_expired, test_forged, test_audience, test_nonce (see oidc-provider.py) -->
  <button>Sign in</button>
</form></body></html>
"""


class Handler(BaseHTTPRequestHandler):
    provider = None
    lock = threading.Lock()

    def log_message(self, format, *args):  # the tests' output stays readable; errors still go to stderr
        pass

    def send(self, status, body, content_type="application/json", headers=()):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, status, value):
        self.send(status, json.dumps(value, ensure_ascii=False))

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")

    def do_GET(self):
        url = urlsplit(self.path)
        with self.lock:
            if url.path == "/.well-known/openid-configuration":
                self.send(200, self.provider.provider_configuration.to_json())
            elif url.path == "/jwks":
                self.send_json(200, self.provider.jwks)
            elif url.path == "/authorize":
                self.authorize(url.query, None)
            elif url.path == "/userinfo":
                try:
                    response = self.provider.handle_userinfo_request(url.query, self.headers)
                    self.send(200, response.to_json())
                except (OAuthError, ValueError) as error:
                    self.send_json(401, {"error": "invalid_token", "error_description": str(error)})
            else:
                self.send_json(404, {"error": "not_found"})

    def do_POST(self):
        url = urlsplit(self.path)
        body = self.body()
        with self.lock:
            if url.path == "/authorize":
                self.authorize(url.query, dict(parse_qsl(body)))
            elif url.path == "/token":
                self.token(body)
            elif url.path == "/test/rotate":
                alg = dict(parse_qsl(body)).get("alg", "RS256")
                if alg not in ("RS256", "ES256"):
                    self.send_json(400, {"error": "alg is RS256 or ES256"})
                else:
                    self.send_json(200, {"kid": self.provider.rotate(alg)})
            else:
                self.send_json(404, {"error": "not_found"})

    def authorize(self, query, form):
        try:
            request = self.provider.parse_authentication_request(query)
        except InvalidAuthenticationRequest as error:
            location = error.to_error_url()
            if location:
                self.send(302, "", "text/plain", [("Location", location)])
            else:
                self.send(400, LOGIN_FORM.format(message=html.escape(str(error))), "text/html")
            return
        if form is None:
            self.send(200, LOGIN_FORM.format(message="Sign in"), "text/html")
            return
        user = form.get("username", "")
        if user not in USERS or form.get("password") != f"{user}-pass-2026":
            self.send(401, LOGIN_FORM.format(message="Wrong user name or password"), "text/html")
            return
        response = self.provider.authorize(request, user)
        test = {name: value for name, value in form.items() if name.startswith("test_") and value}
        if test:
            self.provider.misbehaviour[response["code"]] = test
        self.send(302, "", "text/plain", [("Location", response.request(request["redirect_uri"]))])

    def token(self, body):
        code = dict(parse_qsl(body)).get("code", "")
        self.provider.current = self.provider.misbehaviour.get(code, {})
        try:
            response = self.provider.handle_token_request(body, self.headers, id_token_claims)
            self.send(200, response.to_json())
        except InvalidClientAuthentication as error:
            self.send_json(401, {"error": "invalid_client", "error_description": str(error)})
        except OAuthError as error:
            self.send_json(400, {"error": error.oauth_error, "error_description": str(error)})
        finally:
            self.provider.current = {}


def keygen(directory):
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "keys.json")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump({"keys": [new_rsa_key().serialize(private=True)]}, file)
    for name in SECRET_FILES.values():
        descriptor = os.open(os.path.join(directory, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(32) + "\n")


def serve(directory, port, issuer):
    SPARE_RSA_KEYS.extend(RSA.generate(2048) for _ in range(8))
    Handler.provider = build_provider(directory, issuer or f"http://127.0.0.1:{port}")
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"OpenID provider {issuer or f'http://127.0.0.1:{port}'} ready", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    if len(sys.argv) == 3 and sys.argv[1] == "keygen":
        keygen(sys.argv[2])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "serve":
        serve(sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) == 5 else None)
    else:
        sys.exit(__doc__)
