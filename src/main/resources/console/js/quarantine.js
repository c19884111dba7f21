// Quarantine queue: units held by an excursion, a recall or time out of storage, with the trace of
// the device they were in, and release or discard by electronic signature.
import { api } from './api.js';
import { t, has } from './i18n.js';
import { el, time, ruleText } from './dom.js';
import { signed } from './sign.js';
import { temperatureChart } from './chart.js';

async function decide(u, what, row, note) {
  const r = await signed(`/api/v1/units/${encodeURIComponent(u.din)}/${u.productCode}-${u.division}/${what}`, 'POST', { comment: '' });
  if (r === null) return;
  if (r.ok) {
    row.remove();
    note.textContent = t(`quarantine.${what}d`, { din: u.din });
    note.className = 'accepted';
  } else {
    note.textContent = ruleText(t, has, r.json);
    note.className = 'refused';
  }
}

async function trace(u, box) {
  if (!u.location) { box.textContent = t('quarantine.noDevice'); return; }
  const d = await api(`/api/v1/devices/${encodeURIComponent(u.location)}?site=${encodeURIComponent(u.site)}`);
  if (!d.ok) { box.textContent = t('quarantine.noDevice'); return; }
  const r = await api(`/api/v1/devices/${encodeURIComponent(u.location)}/readings?site=${encodeURIComponent(u.site)}`);
  if (!r.ok) { box.textContent = ruleText(t, has, r.json); return; }
  await temperatureChart(box, r.json.items, d.json.profile, { temp: t('devices.temperature'), safeMin: t('devices.safeMin'),
    safeMax: t('devices.safeMax'), alarmLow: t('devices.alarmLow'), alarmHigh: t('devices.alarmHigh') });
}

export default {
  id: 'quarantine',
  roles: ['admin', 'technician'],
  async render(main) {
    const note = el('p', { id: 'quarantine-note', role: 'status' });
    const body = el('tbody');
    const chart = el('div', { class: 'chart', id: 'quarantine-trace', hidden: true });
    main.append(el('h2', { 'data-i18n': 'view.quarantine' }), note,
      el('table', { id: 'quarantine-table' }, el('thead', {}, el('tr', {}, ...['din', 'product', 'group', 'reason', 'location', 'since', 'decide']
        .map((c) => el('th', { scope: 'col' }, t(`quarantine.${c}`))))), body), chart);
    const r = await api('/api/v1/units?status=QUARANTINED&limit=200');
    if (!r.ok) { note.textContent = ruleText(t, has, r.json); return; }
    if (!r.json.items.length) note.textContent = t('quarantine.empty');
    for (const u of r.json.items) {
      const row = el('tr', { 'data-din': u.din });
      row.append(el('td', {}, u.din), el('td', {}, `${u.productCode}-${u.division}`), el('td', {}, `${u.abo} ${u.rhd}`),
        el('td', {}, u.statusReason || ''), el('td', {}, u.location || ''), el('td', {}, time(u.updated)),
        el('td', { class: 'row' },
          el('button', { type: 'button', class: 'secondary', onclick: () => { chart.hidden = false; trace(u, chart); } }, t('quarantine.trace')),
          el('button', { type: 'button', class: 'release', onclick: () => decide(u, 'release', row, note) }, t('quarantine.release')),
          el('button', { type: 'button', class: 'secondary discard', onclick: () => decide(u, 'discard', row, note) }, t('quarantine.discard'))));
      body.append(row);
    }
  },
};
