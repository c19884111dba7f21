// Temperature charts with uPlot (served from its WebJar), the safe band and the alarm set points as lines.
let loading = null;

function uplot() {
  if (window.uPlot) return Promise.resolve(window.uPlot);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/webjars/uplot/1.6.30/dist/uPlot.iife.min.js';
      s.onload = () => resolve(window.uPlot);
      s.onerror = reject;
      document.head.append(s);
    });
  }
  return loading;
}

/** Draws readings ({at, tempC}) into target with horizontal lines at the band's limits. */
export async function temperatureChart(target, readings, band, labels) {
  const U = await uplot();
  const xs = readings.map((r) => Date.parse(r.at) / 1000);
  const ys = readings.map((r) => (r.tempC == null ? null : r.tempC));
  const line = (v) => xs.map(() => v);
  const series = [{}, { label: labels.temp, stroke: '#0b5cad', width: 2 }];
  const data = [xs, ys];
  for (const [key, colour] of [['safeMin', '#1e6b2f'], ['safeMax', '#1e6b2f'], ['alarmLow', '#a4161a'], ['alarmHigh', '#a4161a']]) {
    if (band && band[key] != null) {
      series.push({ label: `${labels[key]} ${band[key]} °C`, stroke: colour, dash: [6, 4], width: 1 });
      data.push(line(band[key]));
    }
  }
  target.replaceChildren();
  const width = Math.max(300, Math.min(target.clientWidth || 900, 1300));
  return new U({ width, height: 240, series, axes: [{}, { label: '°C' }] }, data, target);
}
