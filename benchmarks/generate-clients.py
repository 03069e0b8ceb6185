#!/usr/bin/env python3
"""Writes a manifest repository for benchmarks: one Hydra provider and N realistic clients over F files.

usage: generate-clients.py OUTDIR --clients N --files F [--no-secrets]

--no-secrets leaves the client_secret references out (the live secrets are then kept as they are and not
compared), for plans timed without the secrets' variables: an unset reference is an error.
"""
import argparse
import os

SHAPES = ["web", "spa", "m2m", "device", "jwt"]
NO_SECRETS = False


def client(i: int) -> str:
    name = f"client-{i:05d}"
    shape = SHAPES[i % len(SHAPES)]
    host = f"app{i}.${{APP_DOMAIN:-example.com}}"
    lines = [
        "apiVersion: oauthctl/v1",
        "kind: OAuth2Client",
        "metadata:",
        f"  name: {name}",
        "  provider: bench",
        "spec:",
        f"  client_name: Benchmark client {i} ({shape})",
        f"  owner: team-{i % 37}",
        "  contacts: [ops@example.com, security@example.com]",
        "  metadata:",
        f"    team: team-{i % 37}",
        f"    cost_center: \"{4000 + i % 500}\"",
    ]
    if shape in ("web", "spa"):
        lines += [
            "  grant_types: [authorization_code, refresh_token]",
            "  response_types: [code]",
            "  scope: openid offline_access profile email",
            "  redirect_uris:",
            f"    - https://{host}/callback",
            f"    - https://{host}/silent-renew",
            "  post_logout_redirect_uris:",
            f"    - https://{host}/signed-out",
            "  refresh_token_grant_refresh_token_lifespan: 720h",
        ]
        if shape == "spa":
            lines += ["  token_endpoint_auth_method: none", "  allowed_cors_origins:", f"    - https://{host}"]
        else:
            lines += [
                "  token_endpoint_auth_method: client_secret_basic",
                *([] if NO_SECRETS else [f"  client_secret: {{from_env: CLIENT_{i:05d}_SECRET}}"]),
                f"  backchannel_logout_uri: https://{host}/backchannel-logout",
                "  backchannel_logout_session_required: true",
            ]
    elif shape == "m2m":
        lines += [
            "  grant_types: [client_credentials]",
            "  token_endpoint_auth_method: client_secret_post",
            f"  audience: [https://api.example.com/service-{i % 50}]",
            "  scope: reports.read reports.write",
            "  client_credentials_grant_access_token_lifespan: 15m",
        ]
    elif shape == "device":
        lines += [
            "  grant_types: [urn:ietf:params:oauth:grant-type:device_code, refresh_token]",
            "  token_endpoint_auth_method: none",
            "  scope: openid offline_access",
            "  device_authorization_grant_access_token_lifespan: 1h",
        ]
    else:
        lines += [
            "  grant_types: [client_credentials]",
            "  token_endpoint_auth_method: private_key_jwt",
            "  token_endpoint_auth_signing_alg: RS256",
            "  scope: orders.read orders.write",
            "  jwks:",
            "    keys:",
            f"      - {{kty: RSA, use: sig, alg: RS256, kid: key-{i}, e: AQAB, n: 0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw}}",
        ]
    return "\n".join(lines) + "\n"


PROVIDER = """apiVersion: oauthctl/v1
kind: Provider
metadata:
  name: bench
spec:
  type: hydra
  url: ${HYDRA_ADMIN_URL:-http://127.0.0.1:4445}
  managed_by: benchmark
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir")
    parser.add_argument("--clients", type=int, default=10000)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--no-secrets", action="store_true")
    args = parser.parse_args()
    global NO_SECRETS
    NO_SECRETS = args.no_secrets
    os.makedirs(args.outdir, exist_ok=True)
    with open(os.path.join(args.outdir, "provider.yaml"), "w") as f:
        f.write(PROVIDER)
    per_file = -(-args.clients // args.files)
    for n in range(args.files):
        start, end = n * per_file, min((n + 1) * per_file, args.clients)
        if start >= end:
            break
        with open(os.path.join(args.outdir, f"clients-{n:04d}.yaml"), "w") as f:
            f.write("---\n".join(client(i) for i in range(start, end)))


if __name__ == "__main__":
    main()
