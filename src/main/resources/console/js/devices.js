// Devices: every fridge, freezer and agitator with its state, last reading and its age, a 24 h / 7 d
// temperature chart with the safe band and alarm set points, and its excursions.
import { api } from './api.js';
import { t, has } from './i18n.js';
import { el, time, ruleText } from './dom.js';
import { temperatureChart } from './chart.js';

function age(iso) {
  if (!iso) return '—';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 120 ? t('age.seconds', { n: s }) : s < 7200 ? t('age.minutes', { n: Math.round(s / 60) }) : t('age.hours', { n: Math.round(s / 3600) });
}

async function show(d, box, days) {
  const to = new Date();
  const from = new Date(to.getTime() - days * 86400000);
  const q = `site=${encodeURIComponent(d.site)}&from=${from.toISOString()}&to=${to.toISOString()}&limit=10000`;
  const [r, x] = await Promise.all([api(`/api/v1/devices/${encodeURIComponent(d.id)}/readings?${q}`),
    api(`/api/v1/devices/${encodeURIComponent(d.id)}/excursions?${q}`)]);
  const chart = el('div', { class: 'chart', id: `chart-${d.id}` });
  box.replaceChildren(el('h3', {}, `${d.name || d.id} — ${days === 1 ? t('devices.day') : t('devices.week')}`), chart,
    el('h4', {}, t('devices.excursions')),
    x.ok && x.json.items.length ? el('ul', {}, ...x.json.items.map((e) => el('li', {}, `${time(e.start)} → ${e.end ? time(e.end) : t('devices.open')}: ${e.minC ?? ''} … ${e.maxC ?? ''} °C `,
      el('a', { class: 'excursion-report', target: '_blank', rel: 'noopener',
        href: `/console/report.html?site=${encodeURIComponent(d.site)}&device=${encodeURIComponent(d.id)}&excursion=${encodeURIComponent(e.id)}` },
      t('devices.printable')))))
      : el('p', { class: 'muted' }, t('devices.noExcursions')),
    el('a', { href: `/api/v1/devices/${encodeURIComponent(d.id)}/summary?${q}`, target: '_blank', rel: 'noopener' }, t('devices.report')));
  if (r.ok) {
    await temperatureChart(chart, r.json.items, d.profile, { temp: t('devices.temperature'), safeMin: t('devices.safeMin'),
      safeMax: t('devices.safeMax'), alarmLow: t('devices.alarmLow'), alarmHigh: t('devices.alarmHigh') });
  } else {
    chart.textContent = ruleText(t, has, r.json);
  }
}

export default {
  id: 'devices',
  roles: ['admin', 'technician', 'station'],
  async render(main) {
    const detail = el('section', { id: 'device-detail' });
    const body = el('tbody');
    main.append(el('h2', { 'data-i18n': 'view.devices' }),
      el('table', { id: 'device-table' }, el('thead', {}, el('tr', {}, ...['device', 'kind', 'state', 'last', 'age', 'chart']
        .map((c) => el('th', { scope: 'col' }, t(`devices.${c}`))))), body), detail);
    const r = await api('/api/v1/devices');
    if (!r.ok) { body.append(el('tr', {}, el('td', { colspan: '6' }, ruleText(t, has, r.json)))); return; }
    for (const d of r.json.items) {
      const st = d.state || 'UNKNOWN';
      body.append(el('tr', { class: st === 'EXCURSION' || st === 'ALARM' ? 'refused' : '' },
        el('td', {}, `${d.name || d.id} (${d.site}/${d.id})`), el('td', {}, t(`deviceKind.${d.kind}`)),
        el('td', {}, t(`deviceState.${st}`)),
        el('td', {}, d.lastReading ? `${d.lastReading.tempC} °C` : '—'), el('td', {}, age(d.lastReading && d.lastReading.at)),
        el('td', { class: 'row' }, el('button', { type: 'button', class: 'secondary', onclick: () => show(d, detail, 1) }, t('devices.day')),
          el('button', { type: 'button', class: 'secondary', onclick: () => show(d, detail, 7) }, t('devices.week')))));
    }
    if (!r.json.items.length) body.append(el('tr', {}, el('td', { colspan: '6' }, t('devices.none'))));
  },
};
