// Benchmarking charts (ECharts). Every chart has a table with the same figures beside it, so a
// chart is a picture for screen readers (role=img with a label). Data comes from json_script.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof echarts === "undefined") return;
  const draw = { lines: drawLines, intervals: drawIntervals, ranks: drawRanks };
  document.querySelectorAll("[data-chart]").forEach((element) => {
    const painter = draw[element.dataset.chart];
    const source = document.getElementById(element.dataset.source || "");
    if (!painter || !source) return;
    const chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption(painter(JSON.parse(source.textContent), element.dataset));
    window.addEventListener("resize", () => chart.resize());
  });
});

const HOME_COLOUR = "#0000bf"; // HDS bus
const PEER_COLOURS = ["#bd2719", "#007a64", "#b35c00", "#8c4b9c", "#00658f", "#6b6b6b", "#9e3d00", "#3f7d20"];

function peerColour(index) {
  return PEER_COLOURS[index % PEER_COLOURS.length];
}

// One indicator by year: the home city thick, the peers thin.
function drawLines(data) {
  let peer = 0;
  return {
    animation: false,
    grid: { left: 72, right: 16, top: 64, bottom: 28 },
    legend: { top: 0, type: "scroll" },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: data.years.map(String) },
    yAxis: { type: "value", scale: true, name: data.unit || "" },
    series: data.series.map((s) => ({
      name: s.name,
      type: "line",
      data: s.values,
      connectNulls: true,
      lineStyle: { width: s.home ? 4 : 1.5 },
      itemStyle: { color: s.home ? HOME_COLOUR : peerColour(peer++) },
      z: s.home ? 3 : 2,
    })),
  };
}

// Rank intervals: a bar from the 5 % to the 95 % rank (stacked on an invisible offset), the
// median as a dot and the nominal rank as a diamond; rank 1 at the top.
function drawIntervals(data, labels) {
  const colours = data.home.map((home) => (home ? HOME_COLOUR : "#6b6b6b"));
  return {
    animation: false,
    grid: { left: 150, right: 24, top: 32, bottom: 32 },
    legend: { top: 0, data: [labels.labelInterval, labels.labelMedian, labels.labelNominal] },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", min: 0, max: data.count + 1, minInterval: 1,
      axisLabel: { formatter: (v) => (v < 1 || v > data.count ? "" : String(v)) } },
    yAxis: { type: "category", data: data.cities, inverse: true },
    series: [
      { name: "offset", type: "bar", stack: "interval", data: data.q5.map((v) => (v === null ? null : v - 0.5)),
        itemStyle: { color: "transparent" }, tooltip: { show: false }, silent: true },
      { name: labels.labelInterval, type: "bar", stack: "interval", barWidth: 10,
        data: data.q95.map((v, i) => (v === null || data.q5[i] === null ? null : v - data.q5[i] + 1)),
        itemStyle: { color: (p) => colours[p.dataIndex], opacity: 0.35 } },
      { name: labels.labelMedian, type: "scatter", symbolSize: 10, data: data.median,
        itemStyle: { color: (p) => colours[p.dataIndex] } },
      { name: labels.labelNominal, type: "scatter", symbol: "diamond", symbolSize: 12, data: data.nominal,
        itemStyle: { color: "#ffffff", borderColor: "#000000", borderWidth: 1.5 } },
    ],
  };
}

// Rank over time: the home city thick, peers thin, the target dashed; rank 1 at the top.
function drawRanks(data, labels) {
  let peer = 0;
  const series = data.series.map((s) => ({
    name: s.name,
    type: "line",
    data: s.ranks,
    connectNulls: true,
    lineStyle: { width: s.home ? 4 : 1.5 },
    itemStyle: { color: s.home ? HOME_COLOUR : peerColour(peer++) },
    z: s.home ? 3 : 2,
  }));
  series.push({
    name: labels.labelTarget,
    type: "line",
    data: data.target,
    connectNulls: true,
    lineStyle: { type: "dashed", width: 2, color: "#000000" },
    itemStyle: { color: "#000000" },
    symbol: "triangle",
  });
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 64, bottom: 28 },
    legend: { top: 0, type: "scroll" },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: data.years.map(String) },
    yAxis: { type: "value", inverse: true, min: 1, minInterval: 1 },
    series,
  };
}
