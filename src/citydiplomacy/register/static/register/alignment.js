// The alignment page's drift chart: percentage points above or below the plan's target share,
// one line per theme, objective or region. The table under it holds the same numbers.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-chart=alignment-drift]").forEach(drawDriftChart);
});

function drawDriftChart(element) {
  if (typeof echarts === "undefined") return;
  const source = document.getElementById(element.dataset.source);
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const unit = element.dataset.unit || "pp";
  const chart = echarts.init(element, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    grid: { left: 56, right: 16, top: 64, bottom: 32, containLabel: true },
    legend: { top: 0, type: "scroll" },
    tooltip: {
      trigger: "axis",
      valueFormatter: (value) => (value === null || value === undefined ? "–" : `${value > 0 ? "+" : ""}${value} ${unit}`),
    },
    xAxis: { type: "category", data: data.quarters },
    yAxis: { type: "value", axisLabel: { formatter: (value) => `${value} ${unit}` } },
    series: data.series.map((series, index) => ({
      name: series.name,
      type: "line",
      data: series.data,
      connectNulls: false,
      symbol: ["circle", "rect", "triangle", "diamond", "pin", "arrow", "roundRect"][index % 7],
      symbolSize: 7,
      markLine: index === 0 ? { silent: true, symbol: "none", label: { show: false }, lineStyle: { color: "#1a1a1a" }, data: [{ yAxis: 0 }] } : undefined,
    })),
  });
  window.addEventListener("resize", () => chart.resize());
}
