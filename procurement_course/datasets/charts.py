"""Charts for the sector exhibits: one look everywhere, readable in colour-blind vision and in print.

Colours are the Okabe-Ito palette; every chart has a title, labelled axes with units, and the
pages give each one alt text that states what it shows (set in the code cell's ``mystnb.image.alt``).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # built without a screen
import matplotlib.pyplot as plt  # noqa: E402

from ..i18n.catalogue import data_text as _  # noqa: E402  (labels in the build's language)

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
FLAG = "#D55E00"     # vermillion: rows an auditor should look at
ORDINARY = "#0072B2"  # blue: everything else
LEGEND_LABELS = ("flagged for follow-up", "no flag")


def localized(text: str, **values) -> str:
    """A sentence computed from the data (an alt text, a caption) in the build's language: ``text``
    is looked up in ``course-data`` (the extractor reads the first argument of every
    ``localized("...")`` in the pages' code cells: keep it one plain literal), then its ``{name}``
    placeholders are filled. Numbers are written as the language writes them: an int as it is, a
    float with one decimal (round it to an int first where no decimal is wanted), a pair
    (number, decimals) with that many decimals."""
    from numbers import Integral, Real

    from ..i18n.catalogue import local_number

    def shown(value):
        if isinstance(value, tuple):  # (number, decimals), e.g. (12.0, 2) -> '12.00' (en), '12,00' (fi)
            return local_number(f"{float(value[0]):,.{value[1]}f}")
        if isinstance(value, Integral) and not isinstance(value, bool):
            return local_number(f"{int(value):,}")
        if isinstance(value, Real) and not isinstance(value, bool):
            return local_number(f"{float(value):,.1f}")
        return value

    return _(text).format(**{k: shown(v) for k, v in values.items()})

plt.rcParams.update({
    "axes.prop_cycle": plt.cycler(color=OKABE_ITO),
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": 110,
    "font.size": 10.5,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
})


def flagged_bars(labels, values, flagged, *, title: str, xlabel: str, ylabel: str,
                 reference: float | None = None, reference_label: str = ""):
    """Horizontal bars, flagged rows in vermillion with a hatch (so colour is never the only cue),
    and an optional dashed reference line (e.g. an assumed minimum). The texts are looked up in the
    ``course-data`` catalogue of the build's language."""
    title, xlabel, ylabel, reference_label = _(title), _(xlabel), _(ylabel), _(reference_label)
    fig, ax = plt.subplots(figsize=(7.5, max(2.5, 0.28 * len(labels) + 1.2)))
    colours = [FLAG if f else ORDINARY for f in flagged]
    hatches = ["//" if f else "" for f in flagged]
    bars = ax.barh(list(labels), list(values), color=colours, edgecolor="black", linewidth=0.4)
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
    if reference is not None:
        ax.axvline(reference, color="black", linestyle="--", linewidth=1)
        ax.text(reference, -0.9, f" {reference_label}", va="top", fontsize=9)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(facecolor=FLAG, hatch="//", edgecolor="black", label=_(LEGEND_LABELS[0])),
                       Patch(facecolor=ORDINARY, edgecolor="black", label=_(LEGEND_LABELS[1]))],
              loc="lower right", fontsize=9, frameon=False)
    fig.tight_layout()
    return fig


def figure_html(fig, alt: str, caption: str):
    """The chart as the page shows it: a PNG inside the page (no separate request), with alt text
    computed from the same data as the chart, and a caption. Returns an IPython HTML object."""
    import base64
    import io
    from html import escape

    from IPython.display import HTML

    alt, caption = _(alt), _(caption)
    buffer = io.BytesIO()
    # Fixed metadata so the same data gives the same bytes on every build.
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return HTML(f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{escape(alt)}" />'
                f"<figcaption>{escape(caption)}</figcaption></figure>")
