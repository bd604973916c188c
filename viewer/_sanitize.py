"""An allow-list HTML sanitiser for e-mail bodies: no scripts, no remote content.

Only formatting tags survive; `img` keeps a source only when it names a part of the same
message (`cid:`, resolved by the caller) or an inline `data:image/...`; links lose their
target. The output is balanced and its nesting depth bounded.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

__all__ = ["sanitize_html"]

_ALLOWED = {
    "a", "b", "strong", "i", "em", "u", "s", "strike", "sub", "sup", "br", "p", "div", "span",
    "font", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "pre", "code", "tt", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "hr", "img", "small", "big", "center",
}  # fmt: skip
_DROP_WITH_CONTENT = {
    "script", "style", "head", "title", "iframe", "object", "embed", "noscript", "template",
    "svg", "math", "select", "textarea", "button", "frameset", "frame", "applet", "audio",
    "video", "canvas", "link", "meta", "base",
}  # fmt: skip
_VOID = {"br", "hr", "img"}
_ATTRS = {"colspan", "rowspan", "align", "valign", "style", "alt", "width", "height", "border"}
_CSS_PROPS = {
    "color", "background-color", "font-weight", "font-style", "font-size", "text-decoration",
    "text-align", "margin", "margin-left", "margin-right", "margin-top", "margin-bottom",
    "padding", "padding-left", "padding-right", "padding-top", "padding-bottom", "border",
    "border-top", "border-bottom", "border-left", "border-right", "width", "vertical-align",
}  # fmt: skip
_MAX_DEPTH = 100
_DIMENSION = re.compile(r"\A\d{1,4}%?\Z")

ImageResolver = Callable[[str], str | None]


def sanitize_html(markup: str, resolve_image: ImageResolver | None = None) -> str:
    """Return safe HTML; `resolve_image(src)` maps an allowed image source to a local name."""
    cleaner = _Cleaner(resolve_image or (lambda _src: None))
    cleaner.feed(markup)
    cleaner.close()
    return cleaner.result()


def _clean_style(value: str) -> str:
    kept = []
    for declaration in value.split(";"):
        name, _, val = declaration.partition(":")
        name = name.strip().lower()
        val = val.strip()
        low = val.lower()
        if (
            name in _CSS_PROPS
            and val
            and not any(bad in low for bad in ("url(", "expression", "@import", "\\", "javascript"))
        ):
            kept.append(f"{name}: {val}")
    return "; ".join(kept)


class _Cleaner(HTMLParser):
    def __init__(self, resolve_image: ImageResolver) -> None:
        super().__init__(convert_charrefs=True)
        self._resolve = resolve_image
        self._out: list[str] = []
        self._stack: list[str] = []
        self._skip_depth = 0
        self._skip_tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        if tag in _DROP_WITH_CONTENT:
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag not in _ALLOWED or len(self._stack) >= _MAX_DEPTH:
            return
        kept = self._attributes(tag, attrs)
        if tag == "img" and "src" not in dict(kept):
            alt = dict(kept).get("alt")
            if alt:
                self._out.append(html.escape(f"[{alt}]"))
            return
        rendered = "".join(f' {name}="{html.escape(val, quote=True)}"' for name, val in kept)
        self._out.append(f"<{tag}{rendered}>")
        if tag not in _VOID:
            self._stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._stack and self._stack[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth -= 1
            return
        if tag not in self._stack:
            return
        while self._stack:
            open_tag = self._stack.pop()
            self._out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._out.append(html.escape(data, quote=False))

    def result(self) -> str:
        while self._stack:
            self._out.append(f"</{self._stack.pop()}>")
        return "".join(self._out)

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
        kept: list[tuple[str, str]] = []
        for name, value in attrs:
            if value is None:
                continue
            if tag == "img" and name == "src":
                local = self._image_source(value.strip())
                if local:
                    kept.append(("src", local))
            elif name in {"width", "height", "border", "colspan", "rowspan"}:
                if _DIMENSION.match(value.strip()):
                    kept.append((name, value.strip()))
            elif name == "style":
                style = _clean_style(value)
                if style:
                    kept.append((name, style))
            elif name in _ATTRS:
                kept.append((name, value[:200]))
        return kept

    def _image_source(self, src: str) -> str | None:
        low = src[:40].lower()
        if low.startswith("data:image/") and ";base64," in low:
            return src
        if low.startswith("cid:"):
            return self._resolve(src[4:].strip("<>"))
        return None  # remote or local-file sources never load
