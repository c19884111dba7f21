// Electronic signature: the service states what the signature means; the person re-enters the
// password, confirms that meaning and comments. Nothing is changed unless the service accepts it.
import { api } from './api.js';
import { t, has } from './i18n.js';
import { ruleText } from './dom.js';

/**
 * Makes a signed decision. Resolves with the service's answer, or null when the person cancelled.
 * The first request carries no signature: the service answers 400 signature-required with the meaning.
 */
export async function signed(path, method, body) {
  const first = await api(path, { method, body: { ...body, comment: body.comment || '-' } });
  if (first.ok || !first.json || first.json.rule !== 'signature-required') {
    return first;
  }
  const meaning = first.json.meaning;
  const dialog = document.getElementById('sign-dialog');
  const form = document.getElementById('sign-form');
  document.getElementById('sign-meaning').textContent = meaning;
  const comment = document.getElementById('sign-comment');
  const password = document.getElementById('sign-password');
  const confirm = document.getElementById('sign-confirm');
  const error = document.getElementById('sign-error');
  comment.value = body.comment || '';
  password.value = '';
  confirm.checked = false;
  error.textContent = '';
  dialog.showModal();
  password.focus();
  return new Promise((resolve) => {
    const cancel = () => { cleanup(); dialog.close(); resolve(null); };
    const submit = async (ev) => {
      ev.preventDefault();
      if (!confirm.checked || !comment.value.trim() || !password.value) {
        error.textContent = t('sign.incomplete');
        return;
      }
      const r = await api(path, { method, body: { ...body, comment: comment.value.trim(), signature: { password: password.value, meaning } } });
      password.value = '';
      if (r.ok) {
        cleanup();
        dialog.close();
        resolve(r);
      } else {
        error.textContent = ruleText(t, has, r.json);
      }
    };
    const cleanup = () => {
      form.removeEventListener('submit', submit);
      document.getElementById('sign-cancel').removeEventListener('click', cancel);
      dialog.removeEventListener('cancel', cancel);
    };
    form.addEventListener('submit', submit);
    document.getElementById('sign-cancel').addEventListener('click', cancel);
    dialog.addEventListener('cancel', cancel);
  });
}
