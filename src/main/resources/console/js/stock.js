// Stock board: site × component × ABO/RhD with par levels, days of supply and phase colours,
// expiring within 24 h / 72 h, and a FEFO pick (first expiring, first out) with substitutes.
import { api, session } from './api.js';
import { t, has } from './i18n.js';
import { el, time, ruleText } from './dom.js';

export default {
  id: 'stock',
  roles: ['admin', 'technician', 'hospital', 'station'],
  async render(main) {
    const table = el('table', { id: 'stock-table' });
    const pickOut = el('div', { id: 'pick-result' });
    const comp = el('select', { id: 'pick-component' }, ...['RBC', 'PLT', 'FFP', 'CRYO'].map((c) => el('option', { value: c }, t(`component.${c}`))));
    const group = el('select', { id: 'pick-group' }, ...['O NEG', 'O POS', 'A NEG', 'A POS', 'B NEG', 'B POS', 'AB NEG', 'AB POS'].map((g) => el('option', { value: g }, g)));
    const n = el('input', { id: 'pick-count', type: 'number', min: '1', max: '100', value: '1' });
    const pick = async (ev) => {
      ev.preventDefault();
      const [abo, rhd] = group.value.split(' ');
      const q = new URLSearchParams({ component: comp.value, abo, rhd, count: n.value });
      if (session.site) q.set('site', session.site);
      const r = await api(`/api/v1/stock/pick?${q}`);
      if (!r.ok) { pickOut.replaceChildren(el('p', { class: 'error' }, ruleText(t, has, r.json))); return; }
      pickOut.replaceChildren(
        el('p', { class: r.json.short ? 'refused' : 'accepted' }, t('stock.picked', { found: r.json.found, requested: r.json.requested })),
        el('ol', {}, ...r.json.items.map((u) => el('li', {}, `${u.din} ${u.productCode} ${u.abo} ${u.rhd} — ${t('stock.expires')} ${time(u.expires)} — ${u.location || ''}`,
          u.substitute ? el('span', { class: 'badge sev-WARNING' }, ` ${t('stock.substitute')}: ${u.reason || ''}`) : null))));
    };
    main.append(el('h2', { 'data-i18n': 'view.stock' }), table,
      el('h3', {}, t('stock.pick')),
      el('form', { class: 'row', onsubmit: pick }, el('label', { for: 'pick-component' }, t('stock.component')), comp,
        el('label', { for: 'pick-group' }, t('stock.group')), group, el('label', { for: 'pick-count' }, t('stock.count')), n,
        el('button', { type: 'submit', id: 'pick-submit' }, t('stock.pickButton'))), pickOut);
    const r = await api('/api/v1/stock');
    if (!r.ok) { table.replaceWith(el('p', { class: 'error' }, ruleText(t, has, r.json))); return; }
    const cols = ['site', 'component', 'group', 'available', 'par', 'daysOfSupply', 'expiring24h', 'expiring72h', 'phase'];
    table.append(el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { scope: 'col' }, t(`stock.${c}`))))),
      el('tbody', {}, ...r.json.items.map((l) => el('tr', { class: `phase-${l.phase}` },
        el('td', {}, l.site), el('td', {}, t(`component.${l.component}`)), el('td', {}, l.group), el('td', {}, String(l.available)),
        el('td', {}, l.parMinimum == null ? '—' : `${l.parMinimum} / ${l.parIdeal}`),
        el('td', {}, l.noDemand ? t('stock.noDemand') : String(l.daysOfSupply)),
        el('td', {}, String(l.expiring24h)), el('td', {}, String(l.expiring72h)),
        el('td', {}, el('span', { class: `badge phase-${l.phase}` }, t(`phase.${l.phase}`)))))));
    if (!r.json.items.length) table.append(el('caption', {}, t('stock.empty')));
  },
};
