// Scan bench: one always-focused input for a keyboard-wedge scanner (each read ends with Enter;
// a whole label in one read, or the DIN and the other structures as separate reads; AIM ]C0/]C4
// prefixes are left to the service's decoder), an action selector, instant feedback per scan with
// the rule in plain words, and a drive mode with a running count and an undo of the last scan.
import { api, session } from './api.js';
import { t, has } from './i18n.js';
import { el, ruleText } from './dom.js';
import { signed } from './sign.js';

// DISCARD is an electronically signed decision: the service states its meaning for the scanned unit, and the
// person re-enters the password to confirm it (sign.js) before anything is discarded.
const ACTIONS = ['RECEIVE', 'STORE', 'ISSUE', 'RETURN', 'TRANSFUSE', 'MOVE', 'DISCARD'];
/** A read holding only a DIN (=, 13 characters, 2 flag digits): the rest of the label follows as separate reads. */
const DIN_ONLY = /^(\]C[0-9])?=[A-Z0-9]{13}[0-9]{2}$/;
const WAIT_FOR_REST_MS = 1500;

let pending = [];
let timer = null;
let count = 0;
let last = null;

export default {
  id: 'scan',
  roles: ['admin', 'technician'],
  render(main) {
    const action = el('select', { id: 'scan-action' }, ...ACTIONS.map((a) => el('option', { value: a }, t(`action.${a}`))));
    const location = el('input', { id: 'scan-location', placeholder: t('scan.location') });
    const destination = el('input', { id: 'scan-destination', placeholder: t('scan.destination') });
    const reason = el('input', { id: 'scan-reason', placeholder: t('scan.reason'), 'aria-label': t('scan.reason') });
    const drive = el('input', { id: 'scan-drive', type: 'checkbox' });
    const input = el('input', { id: 'scan-input', class: 'scan-input', autocomplete: 'off', spellcheck: 'false', 'data-i18n-label': 'scan.input' });
    const feedback = el('ol', { id: 'scan-feedback', class: 'feedback', 'aria-live': 'assertive' });
    const counter = el('span', { id: 'scan-count', class: 'count' }, String(count));
    const undo = el('button', { id: 'scan-undo', type: 'button', class: 'secondary', disabled: !last }, t('scan.undo'));
    const driveBox = el('div', { id: 'drive-box', class: 'row card', hidden: true }, el('span', {}, t('scan.driveCount')), counter, undo);

    const say = (ok, text) => {
      feedback.prepend(el('li', { class: ok ? 'accepted' : 'refused', 'data-result': ok ? 'accepted' : 'refused' }, text));
      while (feedback.children.length > 8) feedback.lastChild.remove();
    };
    const submit = async () => {
      clearTimeout(timer);
      const reads = pending;
      pending = [];
      if (!reads.length) return;
      const body = { action: action.value, reads };
      if (location.value.trim()) body.location = location.value.trim();
      if (destination.value.trim()) body.destination = destination.value.trim();
      if (session.site) body.site = session.site;
      let r;
      if (body.action === 'DISCARD') {
        if (!reason.value.trim()) { say(false, t('scan.reasonRequired')); input.focus(); return; }
        body.reason = reason.value.trim();
        r = await signed('/api/v1/scans', 'POST', { ...body, comment: body.reason });
        if (r === null) { say(false, t('scan.notSigned')); input.focus(); return; }
      } else {
        r = await api('/api/v1/scans', { method: 'POST', body });
      }
      if (r.ok) {
        const u = r.json.units[0];
        say(true, t('scan.accepted', { action: t(`action.${body.action}`), din: u.din, product: u.productCode, group: `${u.abo} ${u.rhd}`, status: t(`status.${u.status}`) }));
        if (body.action !== 'DISCARD') { // a discarded unit is final: it neither counts in the drive nor can be undone
          count += 1;
          last = u;
          counter.textContent = String(count);
          undo.disabled = false;
        }
      } else {
        say(false, t('scan.refused', { why: ruleText(t, has, r.json) }));
      }
      input.focus();
    };
    input.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter') return;
      ev.preventDefault();
      const read = input.value.trim();
      input.value = '';
      if (!read) return;
      pending.push(read);
      if (DIN_ONLY.test(read) && pending.length === 1) {
        timer = setTimeout(submit, WAIT_FOR_REST_MS);
      } else {
        submit();
      }
    });
    drive.addEventListener('change', () => {
      driveBox.hidden = !drive.checked;
      if (drive.checked) action.value = 'RECEIVE';
      input.focus();
    });
    undo.addEventListener('click', async () => {
      if (!last) return;
      const u = last;
      const r = await api(`/api/v1/units/${encodeURIComponent(u.din)}/${u.productCode}-${u.division}/quarantine`, { method: 'POST', body: { comment: t('scan.undoComment') } });
      if (r.ok) {
        count -= 1;
        counter.textContent = String(count);
        last = null;
        undo.disabled = true;
        say(true, t('scan.undone', { din: u.din }));
      } else {
        say(false, t('scan.refused', { why: ruleText(t, has, r.json) }));
      }
      input.focus();
    });
    main.append(el('h2', { 'data-i18n': 'view.scan' }),
      el('div', { class: 'row' }, el('label', { for: 'scan-action' }, t('scan.action')), action, location, destination, reason,
        el('label', { class: 'check', for: 'scan-drive' }, drive, t('scan.drive'))),
      driveBox,
      el('label', { for: 'scan-input' }, t('scan.input')), input,
      el('p', { class: 'muted' }, t('scan.hint')), feedback);
    main.addEventListener('click', (ev) => { if (!['INPUT', 'SELECT', 'BUTTON', 'TEXTAREA'].includes(ev.target.tagName)) input.focus(); });
    input.focus();
  },
};
