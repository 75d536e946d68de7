"""Makes captures of one article with the real tools, as a fact-checker's machine would:
a WARC.gz written by warcio (as `warcio`'s capture_http or pywb record), and a WACZ
packaged from it by `wacz create` (Webrecorder's py-wacz). No network: the page is
served from memory into the WARC writer.

usage: python3 make_captures.py OUT_DIR ARTICLE_HTML URL
"""
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

out = Path(sys.argv[1])
html = Path(sys.argv[2]).read_bytes()
url = sys.argv[3]
warc = out / "article.warc.gz"
with open(warc, "wb") as f:
    writer = WARCWriter(f, gzip=True)
    writer.write_record(writer.create_warcinfo_record(
        "article.warc.gz", {"software": "warcio (Claimline test)", "format": "WARC File Format 1.1"}))
    # A stylesheet first, so that the page is not simply the first record.
    css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url.rsplit("/", 1)[0] + "/site.css", "response", payload=BytesIO(b"body{}"), http_headers=css))
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html), http_headers=headers))
subprocess.run(["wacz", "create", "-o", str(out / "article.wacz"), "--detect-pages", str(warc)], check=True,
               stdout=subprocess.DEVNULL)
