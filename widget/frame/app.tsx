/**
 * The frame UI: the launcher when closed, the chat panel when open, and one polite live region for
 * announcements that belong to neither (a message arriving while closed, thanks for feedback).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ChatPanel } from './chat';
import { CHAT, translator } from './i18n';
import { Launcher } from './launcher';
import { trackKeyboard } from './viewport';
import type { Controller, WidgetState } from './widget-state';

/** Props of {@link App}. */
export interface AppProps {
  readonly controller: Controller;
}

/** The whole widget UI. */
export function App({ controller }: AppProps) {
  const [s, setS] = useState<WidgetState>(controller.state());
  // A change between the first render and this effect (the site's config arriving) is not missed.
  useEffect(() => {
    const off = controller.subscribe(setS);
    setS(controller.state());
    return off;
  }, [controller]);
  useEffect(() => trackKeyboard(document.documentElement), []);
  const t = useMemo(() => translator(CHAT, s.locale), [s.locale]);
  const launcher = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  // Closing hands focus back to the launcher, but only when focus was in the frame: a close sent by
  // the host page must not pull focus away from where the visitor is on that page.
  useLayoutEffect(() => {
    const open = s.view !== 'launcher';
    if (wasOpen.current && !open && document.hasFocus()) launcher.current?.focus();
    wasOpen.current = open;
  }, [s.view]);

  return (
    <>
      {s.view === 'launcher' ? (
        <Launcher onOpen={controller.open} unread={s.unread} t={t} buttonRef={launcher} />
      ) : (
        <ChatPanel s={s} t={t} controller={controller} />
      )}
      <div class="sr-only" role="status" aria-live="polite">
        {s.announce}
      </div>
    </>
  );
}
