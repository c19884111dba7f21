// Small helpers to build elements without innerHTML (no injection from data).
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** Plain words for a refusal: the bundle's text for the rule, else the service's own sentence. */
export function ruleText(t, has, problem) {
  if (!problem) return '';
  const key = `rule.${problem.rule}`;
  return has(key) ? `${t(key)} (${problem.rule})` : `${problem.detail || problem.title} (${problem.rule})`;
}
