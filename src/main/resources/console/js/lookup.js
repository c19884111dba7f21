// Unit look-up by scanning or typing a DIN: every product of the donation with status, location,
// intended use, time out of storage and history.
import { api } from './api.js';
import { t, has } from './i18n.js';
import { el, time, ruleText } from './dom.js';

/** The DIN of what was scanned or typed: 13 characters, without the leading '=', flags or AIM prefix. */
export function dinOf(text) {
  const s = text.trim().toUpperCase().replace(/^\]C[0-9]/, '').replace(/^=/, '');
  return s.slice(0, 13);
}

export default {
  id: 'lookup',
  roles: ['admin', 'technician'],
  render(main) {
    const input = el('input', { id: 'lookup-input', class: 'scan-input', autocomplete: 'off', 'data-i18n-label': 'lookup.input' });
    const out = el('section', { id: 'lookup-result', 'aria-live': 'polite' });
    const find = async (ev) => {
      ev.preventDefault();
      const din = dinOf(input.value);
      input.value = '';
      const r = await api(`/api/v1/units/${encodeURIComponent(din)}`);
      if (!r.ok) { out.replaceChildren(el('p', { class: 'refused' }, ruleText(t, has, r.json))); return; }
      out.replaceChildren(...r.json.units.map((u) => el('article', { class: 'card' },
        el('h3', {}, `${u.din} ${u.productCode}-${u.division} — ${t(`component.${u.component}`)} ${u.abo} ${u.rhd}`),
        el('p', {}, t('lookup.summary', { status: t(`status.${u.status}`), site: u.site, location: u.location || '—', expires: time(u.expires) })),
        u.intendedUse ? el('p', {}, t('lookup.intendedUse', { use: u.intendedUse })) : null,
        u.timeOutOfStorage != null ? el('p', {}, t('lookup.outOfStorage', { value: JSON.stringify(u.timeOutOfStorage) })) : null,
        el('table', {}, el('thead', {}, el('tr', {}, ...['at', 'action', 'to', 'actor', 'reason'].map((c) => el('th', { scope: 'col' }, t(`lookup.${c}`))))),
          el('tbody', {}, ...(u.history || []).map((e) => el('tr', {}, el('td', {}, time(e.at)), el('td', {}, t(`action.${e.action}`)),
            el('td', {}, t(`status.${e.to}`)), el('td', {}, e.actor || ''), el('td', {}, e.reason || ''))))))));
      input.focus();
    };
    main.append(el('h2', { 'data-i18n': 'view.lookup' }),
      el('form', { onsubmit: find }, el('label', { for: 'lookup-input' }, t('lookup.input')), input), out);
    input.focus();
  },
};
