#!/usr/bin/env python3
"""The floor a no-op plan is measured against: one keep-alive HTTP connection (the standard library's
http.client) fetching every page of /admin/clients (page_size 500, following Link rel="next") and
parsing each page's JSON. Prints "<seconds> <pages> <clients>"; the time excludes interpreter start-up.
usage: keepalive-fetch.py BASE_URL"""
import http.client
import json
import re
import sys
import time
from urllib.parse import urlsplit

base = urlsplit(sys.argv[1])
start = time.perf_counter()
connection = http.client.HTTPConnection(base.hostname, base.port)
path, pages, clients = "/admin/clients?page_size=500", 0, 0
while path:
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    clients += len(json.loads(body))
    pages += 1
    match = re.search(r'<([^>]*)>;\s*rel="next"', response.getheader("Link") or "")
    path = match.group(1) if match and body.strip() != b"[]" else None
print(f"{time.perf_counter() - start:.3f} {pages} {clients}")
