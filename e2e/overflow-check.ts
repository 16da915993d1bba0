/**
 * Finds horizontal overflow on the page as a reviewer would meet it: the document scrolls
 * sideways, a container that was never meant to scroll sideways does (the app's main area, a
 * Sign panel card), an element's visible part ends beyond the viewport, an element spills out
 * of its parent's box (a button past its card's border), or a control is cut off by a parent
 * that hides its overflow. Each problem names the element (tag, id, classes, label, text).
 *
 * Containers that scroll sideways ON PURPOSE are listed in ON_PURPOSE with the reason; a
 * component can mark one with the `data-scroll-x` attribute.
 * The checker runs in the page as plain JavaScript (a string): tsx would add helpers to a
 * transpiled function that do not exist in the page.
 */
import type { Page } from 'playwright-core';

/** Sideways scrolling that is the design, not a bug. */
const ON_PURPOSE: readonly { readonly selector: string; readonly why: string }[] = [
  { selector: '.monaco-editor, .monaco-diff-editor', why: 'code editors scroll long lines themselves' },
  { selector: '.pem-export pre', why: 'a PEM block is copied as is, never wrapped' },
  { selector: '[data-scroll-x]', why: 'its component marks it as scrolling sideways on purpose (a wide table of values, a long line that must not wrap)' },
];

const CHECK = String.raw`(() => {
  const onPurpose = ${JSON.stringify(ON_PURPOSE.map((o) => o.selector).join(', '))};
  const vw = window.innerWidth;
  const problems = [];
  const px = (n) => Math.round(n) + ' px';
  const describe = (el) => {
    const parts = [];
    for (let e = el, depth = 0; e && e !== document.body && depth < 4; e = e.parentElement, depth++) {
      let s = e.tagName.toLowerCase();
      if (e.id) s += '#' + e.id;
      const cls = typeof e.className === 'string' ? e.className.trim().split(/\s+/).filter(Boolean).slice(0, 3) : [];
      if (cls.length) s += '.' + cls.join('.');
      const label = e.getAttribute('aria-label');
      if (label) s += '[aria-label="' + label.slice(0, 60) + '"]';
      parts.unshift(s);
    }
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 80);
    return parts.join(' > ') + (text ? ' "' + text + '"' : '');
  };
  const visible = (el, r) => {
    if (r.width <= 0 || r.height <= 0) return false;
    // Inside a closed <details> (content-visibility: hidden), display: none or visibility: hidden.
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'contents') return false;
    if (el.closest('.visually-hidden, [hidden]')) return false;
    return true;
  };
  const inOnPurpose = (el) => el.closest(onPurpose) !== null;
  const scrollsX = (cs) => cs.overflowX === 'auto' || cs.overflowX === 'scroll';
  const clipsX = (cs) => cs.overflowX !== 'visible';
  const widest = (root) => {
    let best = null, right = -Infinity;
    for (const d of root.querySelectorAll('*')) {
      const r = d.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.right > right && !inOnPurpose(d)) { right = r.right; best = d; }
    }
    return best;
  };

  // 1. The document itself scrolls sideways.
  const doc = document.scrollingElement || document.documentElement;
  if (doc.scrollWidth > vw + 1) {
    const w = widest(document.body);
    problems.push('the page scrolls sideways by ' + px(doc.scrollWidth - vw) + ': widest element ' + (w ? describe(w) : '?'));
  }

  const all = Array.from(document.body.querySelectorAll('*'));
  for (const el of all) {
    if (inOnPurpose(el) && !el.matches(onPurpose)) continue;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (!visible(el, r)) continue;

    // 2. A container that is not meant to scroll sideways does.
    if (scrollsX(cs) && !el.matches(onPurpose) && el.scrollWidth > el.clientWidth + 1) {
      const w = widest(el);
      problems.push(describe(el) + ' scrolls sideways by ' + px(el.scrollWidth - el.clientWidth) + ': widest inside ' + (w ? describe(w) : '?'));
    }
    if (el.matches(onPurpose)) continue;

    // 3. The visible part (after ancestors that clip) ends beyond the viewport.
    let right = r.right;
    let cutBy = null;
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const acs = getComputedStyle(a);
      if (!clipsX(acs)) continue;
      const ar = a.getBoundingClientRect();
      const edge = ar.left + a.clientLeft + a.clientWidth;
      if (right > edge + 1 && !cutBy && !scrollsX(acs)) cutBy = a;
      right = Math.min(right, edge);
    }
    if (right > vw + 1) problems.push(describe(el) + ' ends ' + px(right - vw) + ' beyond the viewport (' + vw + ' px)');

    // 4. A control cut off by an ancestor that hides overflow (text ellipsis is fine; a half button is not).
    if (cutBy && el.matches('button, a[href], input, select, textarea, [role=button], [role=checkbox]')) {
      problems.push(describe(el) + ' is cut off by ' + describe(cutBy));
    }

    // 5. An in-flow element spills out of its parent's box (a button past its card's border).
    // A zero-size parent that shows its overflow is a measuring wrapper (recharts' ResponsiveContainer
    // holds its chart in a 0 x 0 div): the box that counts is the first ancestor with a size.
    let p = el.parentElement;
    while (p && p !== document.body && getComputedStyle(p).overflowX === 'visible' && p.getBoundingClientRect().width === 0 && p.getBoundingClientRect().height === 0) p = p.parentElement;
    if (!p || p === document.body || cs.position === 'absolute' || cs.position === 'fixed') continue;
    const pcs = getComputedStyle(p);
    if (clipsX(pcs) || pcs.display.startsWith('inline') || pcs.display === 'contents') continue;
    const pr = p.getBoundingClientRect();
    if (r.right > pr.right + 1 && !(p.parentElement && p.getBoundingClientRect().right > p.parentElement.getBoundingClientRect().right + 1 && !clipsX(getComputedStyle(p.parentElement)))) {
      problems.push(describe(el) + ' spills ' + px(r.right - pr.right) + ' out of its parent ' + describe(p));
    }
  }
  return Array.from(new Set(problems));
})()`;

/** Every horizontal overflow on the page now, each naming the element; empty when there is none. */
export async function findOverflows(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(CHECK);
}
