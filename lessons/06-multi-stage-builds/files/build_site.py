"""A tiny static site generator: pages/*.txt -> public/*.html.

The first line of each page is its title; the rest are paragraphs.
"""
import html
from pathlib import Path

src = Path("pages")
out = Path("public")
out.mkdir(exist_ok=True)

links = []
for page in sorted(src.glob("*.txt")):
    title, *body = page.read_text().strip().split("\n")
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in body if line.strip())
    name = page.stem + ".html"
    (out / name).write_text(f"<!doctype html>\n<title>{html.escape(title)}</title>\n<h1>{html.escape(title)}</h1>\n{paragraphs}\n")
    links.append(f'<li><a href="{name}">{html.escape(title)}</a></li>')

(out / "index.html").write_text(
    "<!doctype html>\n<title>Layerlab Docs</title>\n<h1>Layerlab Docs</h1>\n<ul>\n" + "\n".join(links) + "\n</ul>\n"
)
print(f"built {len(links)} pages into {out}/")
