// Alarms board: open alerts by severity and site, live over SSE; acknowledge (comment required)
// and resolve; reminders and escalation shown; a cue for a new critical alert; and what changed
// while nobody was looking at the board.
import { api } from './api.js';
import { t, has, apply } from './i18n.js';
import { el, time, ruleText } from './dom.js';

const ORDER = { CRITICAL: 0, WARNING: 1, INFO: 2 };
const alerts = new Map();
let stream = null;
let list = null;
let missed = [];
let watching = false;

function beep() {
  try {
    const ctx = new AudioContext();
    const o = ctx.createOscillator();
    o.frequency.value = 880;
    o.connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.4);
  } catch (e) { /* no audio device: the banner is the cue */ }
}

function cue(a) {
  const banner = document.getElementById('critical-banner');
  banner.textContent = t('alarms.newCritical', { subject: a.subject, site: a.site, message: a.message });
  banner.hidden = false;
  banner.tabIndex = 0;
  banner.title = t('alarms.dismiss');
  banner.onclick = () => { banner.hidden = true; };
  banner.onkeydown = (ev) => { if (ev.key === 'Enter' || ev.key === 'Escape') banner.hidden = true; };
  banner.classList.remove('flash');
  void banner.offsetWidth;
  banner.classList.add('flash');
  beep();
}

function card(a) {
  const comment = el('input', { id: `comment-${a.id}`, 'data-i18n-label': 'alarms.comment', placeholder: t('alarms.comment'), class: 'comment' });
  const error = el('p', { class: 'error', role: 'alert' });
  const act = async (what) => {
    if (!comment.value.trim()) {
      error.textContent = t('alarms.commentRequired');
      comment.focus();
      return;
    }
    const r = await api(`/api/v1/alerts/${encodeURIComponent(a.id)}/${what}`, { method: 'POST', body: { comment: comment.value.trim() } });
    if (r.ok) upsert(r.json); else error.textContent = ruleText(t, has, r.json);
  };
  const buttons = [];
  if (a.state === 'OPEN') buttons.push(el('button', { type: 'button', class: 'ack', onclick: () => act('ack') }, t('alarms.ack')));
  buttons.push(el('button', { type: 'button', class: 'secondary resolve', onclick: () => act('resolve') }, t('alarms.resolve')));
  return el('article', { class: `card alert sev-${a.severity}`, id: `alert-${a.id}`, 'data-state': a.state, 'data-kind': a.kind },
    el('h3', {}, el('span', { class: `badge sev-${a.severity}` }, t(`severity.${a.severity}`)), ' ', t(`kind.${a.kind}`), ': ', a.subject),
    el('p', {}, a.message),
    el('p', { class: 'meta' }, t('alarms.meta', { site: a.site, opened: time(a.opened), state: t(`state.${a.state}`),
      level: a.escalationLevel, reminders: a.remindersSent })),
    a.nextReminderAt ? el('p', { class: 'meta' }, t('alarms.nextReminder', { at: time(a.nextReminderAt) })) : null,
    a.ackBy ? el('p', { class: 'meta' }, t('alarms.ackedBy', { user: a.ackBy, comment: a.ackComment || '' })) : null,
    el('div', { class: 'row' }, comment, ...buttons), error);
}

function render() {
  if (!list) return;
  // a comment being typed survives the re-render that a new event causes
  const typed = new Map([...list.querySelectorAll('input.comment')].map((i) => [i.id, i.value]));
  const focused = document.activeElement && document.activeElement.id;
  const active = [...alerts.values()].filter((a) => a.state !== 'RESOLVED')
    .sort((x, y) => (ORDER[x.severity] - ORDER[y.severity]) || x.site.localeCompare(y.site) || x.opened.localeCompare(y.opened));
  list.replaceChildren(...(active.length ? active.map(card) : [el('p', { class: 'muted', id: 'no-alerts' }, t('alarms.none'))]));
  typed.forEach((v, id) => { const i = document.getElementById(id); if (i) i.value = v; });
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
}

function upsert(a) {
  alerts.set(a.id, a);
  render();
}

function connect() {
  if (stream) return;
  stream = new EventSource('/api/v1/alerts/stream');
  stream.addEventListener('alert', (ev) => {
    const { changeType, alert } = JSON.parse(ev.data);
    const known = alerts.has(alert.id);
    alerts.set(alert.id, alert);
    if (changeType !== 'CURRENT' && (!watching || document.hidden)) {
      missed.push({ changeType, alert, at: new Date().toISOString() });
    }
    if (!known && changeType !== 'CURRENT' && alert.severity === 'CRITICAL') cue(alert);
    render();
    renderMissed();
  });
}

let missedBox = null;
function renderMissed() {
  if (!missedBox) return;
  missedBox.hidden = missed.length === 0;
  missedBox.replaceChildren(el('h3', {}, t('alarms.missed', { n: missed.length })),
    el('ul', {}, ...missed.slice(-20).map((m) => el('li', {}, `${time(m.at)} — ${t(`change.${m.changeType}`)}: ${m.alert.subject} (${t(`severity.${m.alert.severity}`)})`))),
    el('button', { type: 'button', class: 'secondary', onclick: () => { missed = []; renderMissed(); } }, t('alarms.seen')));
}

export default {
  id: 'alarms',
  roles: ['admin', 'technician', 'station'],
  async render(main) {
    watching = true;
    list = el('div', { class: 'grid', id: 'alert-list', 'aria-live': 'polite' });
    missedBox = el('section', { class: 'card', id: 'missed', hidden: true });
    main.append(el('h2', { 'data-i18n': 'view.alarms' }), missedBox, list);
    renderMissed();
    const r = await api('/api/v1/alerts?state=active');
    if (r.ok) r.json.items.forEach((a) => alerts.set(a.id, a));
    render();
    apply(main);
    connect();
  },
  leave() {
    watching = false;
    list = null;
    missedBox = null;
  },
};

// the stream stays open while the console is open, so changes are counted while another view is shown
window.addEventListener('hemowatch:ended', () => { if (stream) { stream.close(); stream = null; } alerts.clear(); missed = []; });
