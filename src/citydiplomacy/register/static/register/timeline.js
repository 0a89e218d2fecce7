// The register's timeline: one row per unit, a bar per activity from its first to its last
// day (an ECharts custom series per type of activity). Overlapping activities of a unit are
// stacked in lanes inside its row. The table below the chart lists the same activities.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.querySelector(".timeline-chart");
  if (!element || typeof echarts === "undefined") return;
  const source = document.getElementById(element.dataset.source);
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const day = 24 * 3600 * 1000;
  const toTime = (iso) => Date.parse(`${iso}T00:00:00Z`);
  const lang = document.documentElement.lang;
  const dateLabel = (time) => new Date(time).toLocaleDateString(lang, { timeZone: "UTC" });
  const maxLanes = Math.max(1, ...data.units.map((unit) => unit.lanes));
  const rowHeight = Math.max(32, Math.min(maxLanes, 6) * 10 + 8);
  // A size set through the DOM (not a style attribute), so the CSP allows it.
  element.style.height = `${Math.max(180, data.units.length * rowHeight + 100)}px`;
  const colours = ["#0000bf", "#00a651", "#bd2719", "#8a6a00", "#6b2ea6", "#00677d", "#d4376e", "#4a4a4a"];
  const kinds = [...new Set(data.bars.map((bar) => bar[4]))];

  const renderItem = (params, api) => {
    const row = api.value(0);
    const lanes = data.units[row].lanes;
    const start = api.coord([api.value(1), row]);
    const end = api.coord([api.value(2), row]);
    const band = api.size([0, 1])[1] * 0.8;
    const height = band / lanes;
    const top = start[1] - band / 2 + api.value(6) * height;
    const shape = echarts.graphic.clipRectByRect(
      { x: start[0], y: top, width: Math.max(end[0] - start[0], 2), height: Math.max(height - 1, 1) },
      { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height },
    );
    if (!shape) return null;
    return { type: "rect", shape, style: { fill: api.visual("color"), opacity: 0.85 } };
  };

  const chart = echarts.init(element, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    color: colours,
    legend: { top: 0, type: "scroll" },
    grid: { left: 8, right: 24, top: 36, bottom: 32, containLabel: true },
    tooltip: {
      formatter: (params) => {
        const value = params.value;
        const box = document.createElement("div");
        const title = document.createElement("strong");
        title.textContent = value[3];
        const meta = document.createElement("div");
        meta.textContent = `${value[4]} · ${dateLabel(value[1])}–${dateLabel(value[2] - day)}`;
        box.append(title, meta);
        return box;
      },
    },
    dataZoom: [{ type: "inside", xAxisIndex: 0, filterMode: "weakFilter" }],
    xAxis: {
      type: "time",
      min: toTime(data.start),
      max: toTime(data.end),
      axisLabel: { formatter: (value) => new Date(value).toLocaleDateString(lang, { month: "short", year: "2-digit", timeZone: "UTC" }) },
      splitLine: { show: true, lineStyle: { color: "#e6e6e6" } },
    },
    yAxis: {
      type: "category",
      data: data.units.map((unit) => unit.name),
      inverse: true,
      axisLabel: { width: 180, overflow: "truncate" },
      splitLine: { show: true, lineStyle: { color: "#f2f2f2" } },
    },
    series: kinds.map((kind) => ({
      type: "custom",
      name: kind,
      encode: { x: [1, 2], y: 0 },
      renderItem,
      data: data.bars
        .filter((bar) => bar[4] === kind)
        .map((bar) => ({ value: [bar[0], toTime(bar[1]), toTime(bar[2]), bar[3], bar[4], bar[5], bar[6]] })),
    })),
  });
  chart.on("click", (params) => {
    const url = params.value && params.value[5];
    if (url) window.location.href = url;
  });
  window.addEventListener("resize", () => chart.resize());
});
