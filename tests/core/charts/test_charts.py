"""Accessible SVG charts: well-formed, named and described, with a matching data table."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ratusha_core.charts import Band, Series, bar_chart, histogram, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def check_accessible(svg: str, chart_id: str, title: str) -> ET.Element:
    root = parsed(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    found_title = root.find(f"{SVG}title")
    assert found_title is not None and found_title.get("id") == f"{chart_id}-title"
    assert found_title.text == title
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text
    return root


def test_a_time_series_with_interval_bands() -> None:
    chart = line_chart(
        "fc",
        "Forecast <weekly> & more",
        "Eight weeks ahead",
        ["W1", "W2", "W3"],
        [Series("Actual", (10.0, None, None)), Series("Forecast", (None, 12.0, 14.0))],
        [Band("80%", (None, 10, 11), (None, 14, 17)), Band("95%", (None, 9, 9.5), (None, 15, 19))],
        label_header="Week",
        decimals=1,
    )
    root = check_accessible(chart.svg, "fc", "Forecast <weekly> & more")
    assert len(root.findall(f".//{SVG}polygon")) == 2
    assert chart.headers == ("Week", "Actual", "Forecast", "80% -", "80% +", "95% -", "95% +")
    assert chart.rows[1] == ("W2", "", "12.0", "10.0", "14.0", "9.0", "15.0")


def test_the_same_data_gives_the_same_bytes() -> None:
    def make() -> str:
        return line_chart("a", "t", "d", ["x", "y"], [Series("s", (1.0, 2.5))]).svg

    assert make() == make()


def test_bars_and_histograms() -> None:
    bars = bar_chart("b", "Top", "Counts", [("Heating", 12), ("Roads <A>", 3)], value_header="n")
    root = check_accessible(bars.svg, "b", "Top")
    assert len(root.findall(f".//{SVG}rect")) == 3  # background + two bars
    assert bars.rows == (("Heating", "12"), ("Roads <A>", "3"))
    assert "Roads &lt;A&gt;" in bars.svg
    hist = histogram("h", "Days", "Answers by days", [(str(d), d % 3) for d in range(47)])
    check_accessible(hist.svg, "h", "Days")
    assert len(hist.rows) == 47


def test_empty_data_still_draws_a_chart() -> None:
    for chart in (
        line_chart("e1", "t", "d", [], []),
        bar_chart("e2", "t", "d", []),
        histogram("e3", "t", "d", []),
    ):
        check_accessible(chart.svg, chart.chart_id, "t")
        assert chart.rows == ()


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest

    from ratusha_core.charts import bars, line, svg

    for module in (bars, line, svg):
        assert doctest.testmod(module).failed == 0
