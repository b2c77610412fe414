/**
 * Keeps the composer above a virtual keyboard. A mobile keyboard shrinks the visual viewport, not the
 * layout viewport, so a full-height panel would end behind it; the covered height goes into
 * `--confide-keyboard`, which the stylesheet reserves at the bottom.
 */

/** Starts tracking `window.visualViewport`; returns the function that stops it. */
export function trackKeyboard(root: HTMLElement, win: Window = window): () => void {
  const vv = win.visualViewport;
  if (!vv) return () => {};
  const update = () => {
    const covered = Math.max(0, Math.round(win.innerHeight - vv.height - vv.offsetTop));
    root.style.setProperty('--confide-keyboard', `${covered}px`);
  };
  vv.addEventListener('resize', update);
  vv.addEventListener('scroll', update);
  update();
  return () => {
    vv.removeEventListener('resize', update);
    vv.removeEventListener('scroll', update);
  };
}
