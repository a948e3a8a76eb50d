// What a reader sees go wrong in a layout, found in the page as Chromium laid it out: words broken
// across lines, content wider than its box, and a page that scrolls sideways.

/**
 * Problems in the elements matching `selector` (each one a part of the page we own), as
 * sentences; an empty list when none. A scroll container of its own that holds more than its
 * width counts as a problem too: what is out of sight is off-screen for the reader.
 */
export async function layoutProblems(page, selector) {
  return page.evaluate(sel => {
    const problems = [];
    const name = el => {
      const label =
        el.getAttribute('aria-label') ??
        el.closest('[aria-label]')?.getAttribute('aria-label') ??
        '';
      return `<${el.tagName.toLowerCase()}>${label ? ` in "${label}"` : ''}`;
    };
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      problems.push(
        `the page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`,
      );
    const roots = [...document.querySelectorAll(sel)];
    if (roots.length === 0) problems.push(`nothing matches ${sel}`);
    for (const root of roots) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (el.closest('svg')) continue;
        const style = getComputedStyle(el);
        // inline boxes have no client width; clipped ones (ripples, icons) are meant to be cut
        if (el.clientWidth === 0 || style.overflowX === 'hidden') continue;
        if (el.scrollWidth > el.clientWidth + 1)
          problems.push(
            `${name(el)} holds ${el.scrollWidth} px in ${el.clientWidth} px`,
          );
      }
      const text = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (text.nextNode()) {
        const node = text.currentNode;
        if (node.parentElement?.closest('svg')) continue;
        for (const word of node.textContent.matchAll(/\S{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set(
            [...range.getClientRects()]
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top)),
          );
          if (lines.size > 1)
            problems.push(
              `"${word[0]}" breaks across ${lines.size} lines in ${name(
                node.parentElement,
              )}`,
            );
        }
      }
    }
    return problems;
  }, selector);
}
