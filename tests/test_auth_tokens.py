"""Access token verification: the Supabase Auth token shapes, and every way a token can be wrong."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from salesbot.auth import TokenVerifier
from salesbot.errors import Unauthorized, Unavailable
from salesbot.local.tokens import access_token_claims
from tests.conftest import JWT_SECRET
from tests.servers.jwks import JWKS_PATH, serve_jwks

USER = "8f1a3c1e-3b2f-4c55-9d7e-2f6f1c0b9a11"
EC_KEY = ec.generate_private_key(ec.SECP256R1())
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
INTRUDER_EC_KEY = ec.generate_private_key(ec.SECP256R1())


def public_jwk(key: Any, kid: str, alg: str) -> dict[str, Any]:
    algorithm = ECAlgorithm if alg == "ES256" else RSAAlgorithm
    jwk = json.loads(algorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "alg": alg, "use": "sig", "key_ops": ["verify"]}


def claims(**changes: Any) -> dict[str, Any]:
    base = access_token_claims(USER, "ann@example.com")
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


@pytest.fixture(scope="module")
def jwks():
    with serve_jwks([public_jwk(EC_KEY, "ec-1", "ES256"), public_jwk(RSA_KEY, "rsa-1", "RS256")]) as server:
        yield server


@pytest.fixture
def hs256() -> TokenVerifier:
    return TokenVerifier(secret=JWT_SECRET)


def test_a_supabase_hs256_token_verifies(hs256: TokenVerifier):
    verified = hs256.verify(jwt.encode(claims(), JWT_SECRET, algorithm="HS256"))
    assert verified["sub"] == USER and verified["role"] == "authenticated" and verified["email"] == "ann@example.com"


@pytest.mark.parametrize("kid,key,alg", [("ec-1", EC_KEY, "ES256"), ("rsa-1", RSA_KEY, "RS256")])
def test_asymmetric_tokens_verify_against_the_projects_jwks(jwks, kid, key, alg):
    verifier = TokenVerifier(jwks_url=jwks.url + JWKS_PATH)
    token = jwt.encode(claims(), key, algorithm=alg, headers={"kid": kid})
    assert verifier.verify(token)["sub"] == USER


def test_the_jwks_is_fetched_once_and_cached(jwks):
    verifier = TokenVerifier(jwks_url=jwks.url + JWKS_PATH)
    before = jwks.fetches
    for _ in range(5):
        verifier.verify(jwt.encode(claims(), EC_KEY, algorithm="ES256", headers={"kid": "ec-1"}))
    assert jwks.fetches - before == 1


def test_a_token_verified_before_is_refused_once_it_expires(hs256: TokenVerifier):
    # Within the leeway for one to two more seconds: accepted now, and refused once they are over,
    # though its claims were kept verified.
    token = jwt.encode(claims(exp=int(time.time()) - 28), JWT_SECRET, algorithm="HS256")
    assert hs256.verify(token)["sub"] == USER
    time.sleep(2.1)
    with pytest.raises(Unauthorized, match="expired"):
        hs256.verify(token)


def test_kept_claims_are_the_callers_own(hs256: TokenVerifier):
    token = jwt.encode(claims(), JWT_SECRET, algorithm="HS256")
    hs256.verify(token)["role"] = "service_role"
    assert hs256.verify(token)["role"] == "authenticated"


def unsigned(payload: dict[str, Any]) -> str:
    return jwt.encode(payload, None, algorithm="none")


WRONG_TOKENS = {
    "alg none": (lambda: unsigned(claims()), "not accepted"),
    "wrong secret": (lambda: jwt.encode(claims(), "another-secret-" * 4, algorithm="HS256"), "signature"),
    "expired": (lambda: jwt.encode(claims(exp=int(time.time()) - 3600), JWT_SECRET, algorithm="HS256"), "expired"),
    "not yet valid": (
        lambda: jwt.encode(claims(nbf=int(time.time()) + 3600), JWT_SECRET, algorithm="HS256"), "not valid yet"),
    "wrong audience": (lambda: jwt.encode(claims(aud="other"), JWT_SECRET, algorithm="HS256"), "authenticated"),
    "no sub": (lambda: jwt.encode(claims(sub=None), JWT_SECRET, algorithm="HS256"), "sub"),
    "no exp": (lambda: jwt.encode(claims(exp=None), JWT_SECRET, algorithm="HS256"), "exp"),
    "anon key": (lambda: jwt.encode(claims(role="anon"), JWT_SECRET, algorithm="HS256"), "signed-in"),
    "HS512": (lambda: jwt.encode(claims(), JWT_SECRET, algorithm="HS512"), "not accepted"),
    "not yet issued": (
        lambda: jwt.encode(claims(iat=int(time.time()) + 3600), JWT_SECRET, algorithm="HS256"), "not valid yet"),
    "exp not a time": (lambda: jwt.encode(claims(exp="tomorrow"), JWT_SECRET, algorithm="HS256"), "exp"),
    "exp infinite": (lambda: jwt.encode(claims(exp=float("inf")), JWT_SECRET, algorithm="HS256"), "exp"),
    "exp past any float": (lambda: jwt.encode(claims(exp=10**400), JWT_SECRET, algorithm="HS256"), "exp"),
    "nbf not a number": (lambda: jwt.encode(claims(nbf=float("nan")), JWT_SECRET, algorithm="HS256"), "nbf"),
    "critical extension": (lambda: jwt.encode(claims(), JWT_SECRET, algorithm="HS256", headers={"crit": ["exp"]}),
                           "critical"),
    "sub not a string": (lambda: jwt.encode(claims(sub=42), JWT_SECRET, algorithm="HS256"), "sub"),
    # Supabase Auth's users are UUIDs: any other sub reached the database as a 400 about its syntax.
    "sub not a user id": (lambda: jwt.encode(claims(sub="not-a-uuid"), JWT_SECRET, algorithm="HS256"), "sub"),
    "claims nested too deep": (lambda: jwt.api_jws.encode(
        json.dumps(claims())[:-1].encode() + b', "app_metadata": ' + b"[" * 1200 + b"]" * 1200 + b"}", JWT_SECRET,
        algorithm="HS256"), "malformed"),
    "claims changed after signing": (lambda: with_payload(jwt.encode(claims(), JWT_SECRET, algorithm="HS256"),
                                                          claims(sub="someone-else")), "signature"),
    "garbage": (lambda: "not.a.token", "malformed"),
    "not base64url": (lambda: jwt.encode(claims(), JWT_SECRET, algorithm="HS256") + "*", "malformed"),
    "header not an object": (lambda: "WzFd." + jwt.encode(claims(), JWT_SECRET, algorithm="HS256").split(".", 1)[1],
                             "malformed"),
}


def with_payload(token: str, payload: dict[str, Any]) -> str:
    header, _, signature = token.split(".")
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    return f"{header}.{body}.{signature}"


@pytest.mark.parametrize("case", WRONG_TOKENS, ids=str)
def test_wrong_tokens_are_refused_with_a_reason(hs256: TokenVerifier, case: str):
    make, reason = WRONG_TOKENS[case]
    with pytest.raises(Unauthorized, match=reason):
        hs256.verify(make())


def test_an_audience_list_naming_authenticated_users_verifies(hs256: TokenVerifier):
    token = jwt.encode(claims(aud=["authenticated", "other"]), JWT_SECRET, algorithm="HS256")
    assert hs256.verify(token)["sub"] == USER


def test_hs256_tokens_verify_without_importing_pyjwt_or_cryptography():
    # They are the only tokens of most projects: the functions' cold start must not pay for
    # cryptography, which only ES256 and RS256 need.
    token = jwt.encode(claims(), JWT_SECRET, algorithm="HS256")
    script = (
        "import sys\n"
        "from salesbot.auth import TokenVerifier\n"
        f"assert TokenVerifier(secret={JWT_SECRET!r}).verify({token!r})['sub'] == {USER!r}\n"
        "loaded = sorted({name.split('.')[0] for name in sys.modules} & {'jwt', 'cryptography'})\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


def test_hs256_is_refused_when_only_asymmetric_keys_are_configured(jwks):
    verifier = TokenVerifier(jwks_url=jwks.url + JWKS_PATH)
    with pytest.raises(Unauthorized, match="asymmetric"):
        verifier.verify(jwt.encode(claims(), JWT_SECRET, algorithm="HS256"))


def test_a_token_signed_by_an_unknown_key_is_refused(jwks):
    verifier = TokenVerifier(jwks_url=jwks.url + JWKS_PATH)
    with pytest.raises(Unauthorized, match="unknown key"):
        verifier.verify(jwt.encode(claims(), EC_KEY, algorithm="ES256", headers={"kid": "retired"}))
    with pytest.raises(Unauthorized, match="signature"):
        verifier.verify(jwt.encode(claims(), INTRUDER_EC_KEY, algorithm="ES256", headers={"kid": "ec-1"}))


def test_an_unreachable_jwks_is_a_retryable_error():
    verifier = TokenVerifier(jwks_url="http://127.0.0.1:9/auth/v1/.well-known/jwks.json")
    with pytest.raises(Unavailable):
        verifier.verify(jwt.encode(claims(), EC_KEY, algorithm="ES256", headers={"kid": "ec-1"}))


@pytest.mark.parametrize("header", [None, "Basic abc", "Bearer ", "Bearer not.a.token"])
def test_the_functions_answer_401_json_to_a_missing_or_bad_token(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.post("/chat", json={"customer": "c1", "text": "hi"}, headers=headers)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
    assert response.json["error"]["message"]


def test_the_functions_answer_401_to_an_expired_token(client):
    token = jwt.encode(claims(exp=int(time.time()) - 120), JWT_SECRET, algorithm="HS256")
    response = client.post("/chat", json={"customer": "c1", "text": "hi"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401 and "expired" in response.json["error"]["message"]
