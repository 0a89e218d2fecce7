// Small progressive enhancements; every page works without script.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to an error summary so screen-reader users hear what to fix.
  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
  document.querySelectorAll("[data-chart=indicator]").forEach(drawIndicatorChart);
});

// Targets and actuals of an indicator by year. The same numbers are in the table beside the
// chart, so the chart is decoration for screen readers (role=img with a label).
function drawIndicatorChart(element) {
  if (typeof echarts === "undefined") return;
  const source = document.getElementById(element.dataset.source);
  if (!source) return;
  const series = JSON.parse(source.textContent);
  const chart = echarts.init(element, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    grid: { left: 48, right: 16, top: 32, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: series.years.map(String) },
    yAxis: { type: "value", scale: true },
    series: [
      { name: element.dataset.labelActual, type: "bar", data: series.actual, itemStyle: { color: "#0000bf" } },
      { name: element.dataset.labelTarget, type: "line", data: series.target, connectNulls: true,
        lineStyle: { type: "dashed", color: "#bd2719" }, itemStyle: { color: "#bd2719" } },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
}
