"""Server-rendered SVG charts (matplotlib, Agg backend), cached by their data.

A chart is decoration for sighted readers: every chart on a page has its data table next to
it, and the SVG carries a title and ``role="img"`` with a text alternative.
"""

from __future__ import annotations

import hashlib
import io
import json
import re

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.utils.html import escape  # noqa: E402

# Colours with enough contrast on white (WCAG 1.4.11) and apart for common colour blindness.
PALETTE = ["#154273", "#d35400", "#2e7d32", "#7b1fa2", "#c62828", "#5d4037", "#00838f"]

plt.rcParams.update({"svg.fonttype": "none", "font.size": 10, "font.family": "sans-serif"})


def _svg(fig: Figure, title: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    label = escape(title)
    svg = re.sub(
        r"<svg ",
        f'<svg role="img" aria-label="{label}" focusable="false" class="wh-chart__svg" ',
        svg,
        count=1,
    )
    # Width and height come from the viewBox so the chart scales down on a phone.
    svg = re.sub(r'\swidth="[^"]+"\s+height="[^"]+"', "", svg, count=1)
    return svg.replace(">", f"><title>{label}</title>", 1)


def render(table) -> str:
    """The SVG of a `dashboards.Table` (cached on its contents)."""
    payload = json.dumps(
        [table.kind, table.title, table.columns, table.rows], default=str, sort_keys=True
    )
    key = "insights-chart-" + hashlib.sha256(payload.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = _draw(table)
        cache.set(key, svg, 60 * 60)
    return svg


def _draw(table) -> str:
    labels = [str(r[0]) for r in table.rows]
    series = [
        [(v if isinstance(v, int | float) else 0) for v in (r[1:] if r else [])] for r in table.rows
    ]
    fig = plt.figure(
        figsize=(7.5, 3.4 if table.kind != "barh" else max(2.4, 0.32 * len(labels) + 0.8))
    )
    ax = fig.add_subplot(111)
    ax.spines[["top", "right"]].set_visible(False)
    if not table.rows:
        ax.text(0.5, 0.5, "–", ha="center", va="center")
        ax.set_axis_off()
    elif table.kind == "line":
        column = -1 if table.percent else 0
        values = [s[column] if s else 0 for s in series]
        ax.plot(
            range(len(labels)),
            values,
            color=PALETTE[0],
            linewidth=2,
            marker="o" if len(labels) < 30 else None,
        )
        step = max(1, len(labels) // 10)
        ax.set_xticks(range(0, len(labels), step))
        ax.set_xticklabels(labels[::step], rotation=45, ha="right")
        if table.percent:
            ax.set_ylim(0, 100)
        ax.grid(axis="y", alpha=0.3)
    elif table.kind == "barh":
        values = [s[0] for s in series]
        ax.barh(range(len(labels)), values, color=PALETTE[0])
        ax.set_yticks(range(len(labels)))
        ax.set_yticklabels(labels)
        ax.invert_yaxis()
        ax.grid(axis="x", alpha=0.3)
    elif table.kind == "stacked":
        bottom = [0.0] * len(labels)
        for index, name in enumerate(table.columns[1:]):
            values = [s[index] for s in series]
            ax.bar(
                range(len(labels)),
                values,
                bottom=bottom,
                label=str(name),
                color=PALETTE[index % len(PALETTE)],
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels, rotation=30, ha="right")
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
        ax.grid(axis="y", alpha=0.3)
    else:
        values = [s[0] for s in series]
        ax.bar(range(len(labels)), values, color=PALETTE[0])
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(
            labels,
            rotation=45 if len(labels) > 6 else 0,
            ha="right" if len(labels) > 6 else "center",
        )
        ax.grid(axis="y", alpha=0.3)
    return _svg(fig, table.title)


def render_lines(
    title: str, x_labels: list[str], lines: list[tuple[str, list[float]]], y_label: str = ""
) -> str:
    """A line chart of several series (the capacity forecast)."""
    fig = plt.figure(figsize=(7.5, 3.6))
    ax = fig.add_subplot(111)
    ax.spines[["top", "right"]].set_visible(False)
    styles = ["-", "--", "-.", ":", (0, (5, 1))]
    for index, (name, values) in enumerate(lines):
        ax.plot(
            range(len(values)),
            values,
            label=name,
            color=PALETTE[index % len(PALETTE)],
            linestyle=styles[index % len(styles)],
            linewidth=2,
        )
    step = max(1, len(x_labels) // 13)
    ax.set_xticks(range(0, len(x_labels), step))
    ax.set_xticklabels(x_labels[::step], rotation=45, ha="right")
    ax.set_ylabel(y_label)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    return _svg(fig, title)
