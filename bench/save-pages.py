#!/usr/bin/env python3
"""Saves Masthead's pages to a folder laid out as nginx serves it: the same bytes, from disk.

usage: save-pages.py BASE_URL URL_LIST ROOT [extra paths…]
An address ending in "/" is saved as index.html in that folder; a query string is dropped
(the page saved for "/world/?page=3" is what nginx answers for "/world/").
"""
import os
import sys
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def save(base, root, address):
    path = urllib.parse.unquote(address.split("?", 1)[0])
    target = os.path.join(root, path.lstrip("/"))
    if path.endswith("/"):
        target = os.path.join(target, "index.html")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with urllib.request.urlopen(base + address, timeout=30) as response:
        body = response.read()
    with open(target, "wb") as out:
        out.write(body)
    return len(body)


def main():
    base, url_list, root = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(url_list, encoding="utf-8") as f:
        addresses = [line.strip() for line in f if line.strip()]
    addresses += sys.argv[4:]
    with ThreadPoolExecutor(max_workers=8) as pool:
        sizes = list(pool.map(lambda a: save(base, root, a), addresses))
    print(f"saved {len(sizes)} pages, {sum(sizes) // len(sizes)} bytes on average")


if __name__ == "__main__":
    main()
