// The printable excursion report (/console/report.html?site=&device=&excursion=): device and limits,
// the excursion, its readings, the units it held and the signed decisions on them. Print CSS in report.css.
import { api } from './api.js';
import { t, has, setLanguage, lang } from './i18n.js';
import { el, time, ruleText } from './dom.js';

const LIMITS = ['safeMin', 'safeMax', 'alarmLow', 'alarmHigh', 'hardLow', 'hardHigh', 'excursionDelay', 'recoveryConfirmation'];

function facts(pairs) {
  return el('dl', {}, ...pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '—')]));
}

function signature(s) {
  if (!s || s === 'unsigned') return t('report.unsigned');
  return t('report.signedBy', { signer: s.signer, at: time(s.at), meaning: s.meaning });
}

function unitSection(u) {
  const unit = u.unit || {};
  return el('section', { class: 'unit', 'data-din': unit.din },
    el('h3', {}, `${unit.din} ${unit.productCode}-${unit.division} (${unit.component} ${unit.abo} ${unit.rhd})`),
    facts([[t('report.heldAt'), time(u.heldAt)], [t('report.status'), unit.status]]),
    u.decisions.length
      ? el('table', { class: 'decisions' }, el('thead', {}, el('tr', {}, ...['at', 'action', 'actor', 'comment', 'signature']
        .map((c) => el('th', { scope: 'col' }, t(`report.${c}`))))),
      el('tbody', {}, ...u.decisions.map((d) => el('tr', {}, el('td', {}, time(d.at)), el('td', {}, d.action), el('td', {}, d.actor),
        el('td', {}, d.comment ?? ''), el('td', { class: 'signature' }, signature(d.signature))))))
      : el('p', { class: 'muted' }, t('report.noDecision')));
}

function render(root, r) {
  const x = r.excursion;
  const p = r.device.profile;
  const outside = (c) => c !== null && ((p.safeMin !== undefined && c < p.safeMin) || (p.safeMax !== undefined && c > p.safeMax));
  root.replaceChildren(
    el('h1', {}, t('report.title', { device: r.device.name, site: r.site })),
    el('p', { class: 'actions' }, el('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('report.print'))),
    facts([[t('report.generated'), time(r.generated)], [t('report.device'), `${r.device.name} (${r.site}/${r.device.id}, ${r.device.kind})`]]),
    el('h2', {}, t('report.limits')), facts(LIMITS.map((k) => [t(`report.${k}`), p[k]])),
    el('h2', {}, t('report.excursion')),
    facts([[t('report.id'), x.id], [t('report.start'), time(x.start)], [t('report.end'), x.end ? time(x.end) : t('devices.open')],
      [t('report.duration'), t('report.minutes', { n: Math.round(x.durationSeconds / 60) })],
      [t('report.range'), `${x.minC ?? '—'} … ${x.maxC ?? '—'} °C`], [t('report.reason'), x.reason]]),
    el('h2', {}, t('report.readings', { n: r.readings.length })),
    el('table', { id: 'report-readings' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('report.at')),
      el('th', { scope: 'col' }, t('report.tempC')), el('th', { scope: 'col' }, t('report.door')))),
    el('tbody', {}, ...r.readings.map((g) => el('tr', { class: outside(g.tempC) ? 'out' : '' },
      el('td', {}, time(g.at)), el('td', {}, g.tempC ?? '—'), el('td', {}, g.door ?? ''))))),
    el('h2', {}, t('report.units', { n: r.units.length })),
    ...(r.units.length ? r.units.map(unitSection) : [el('p', { class: 'muted' }, t('report.noUnits'))]));
}

async function boot() {
  await setLanguage(lang);
  const root = document.getElementById('report');
  const q = new URLSearchParams(location.search);
  const path = `/api/v1/devices/${encodeURIComponent(q.get('device') || '')}/excursion-report`
    + `?site=${encodeURIComponent(q.get('site') || '')}&excursion=${encodeURIComponent(q.get('excursion') || '')}`;
  const r = await api(path);
  if (r.ok) render(root, r.json);
  else root.replaceChildren(el('p', { class: 'error', id: 'report-error' }, r.status === 401 ? t('report.login') : ruleText(t, has, r.json)));
  document.body.dataset.ready = 'true';
}

boot();
