// Message bundles (English, Simplified Chinese): every text the console shows comes from here.
let messages = {};
let fallback = {};
const stored = localStorage.getItem('hemowatch.lang');
export let lang = stored || ((navigator.language || 'en').startsWith('zh') ? 'zh-CN' : 'en');

async function load(l) {
  const r = await fetch(`/console/i18n/${l}.json`);
  return r.ok ? r.json() : {};
}

export async function setLanguage(l) {
  lang = l;
  localStorage.setItem('hemowatch.lang', l);
  fallback = Object.keys(fallback).length ? fallback : await load('en');
  messages = l === 'en' ? fallback : await load(l);
  document.documentElement.lang = l;
  apply(document);
}

/** The text of a key with {name} placeholders filled in; the English text, then the key, when missing. */
export function t(key, vars = {}) {
  const text = messages[key] ?? fallback[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? `{${k}}`));
}

/** True when a bundle has the key (rule names without their own text fall back to the service's sentence). */
export function has(key) {
  return key in messages || key in fallback;
}

export function apply(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nLabel)); });
}
