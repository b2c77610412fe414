/**
 * The frame UI: launcher when closed; when open, the consent prompt until the visitor decides, then
 * the chat panel with personalized (or, without consent, neutral) content.
 */
import { useEffect, useState } from 'preact/hooks';
import { ConsentPrompt } from './consent-prompt';
import type { Controller, WidgetState } from './controller';
import { Launcher } from './launcher';
import { RecommendationList } from './recommendation-list';

/** Props of {@link App}. */
export interface AppProps {
  readonly controller: Controller;
}

/** The whole widget UI. */
export function App({ controller }: AppProps) {
  const [s, setS] = useState<WidgetState>(controller.state());
  useEffect(() => controller.subscribe(setS), [controller]);

  if (s.view === 'launcher') return <Launcher onOpen={controller.open} />;
  const consent = s.status?.consent;
  return (
    <div class="panel" role="dialog" aria-label="Chat">
      <header>
        <h1>Chat</h1>
        <button type="button" class="close" aria-label="Close chat" onClick={controller.close}>
          ×
        </button>
      </header>
      <main class="body" aria-live="polite">
        {!s.status ? (
          <p class="muted">Starting…</p>
        ) : !consent ? (
          <ConsentPrompt gpc={controller.gpc} onDecide={(p) => void controller.decide(p, 'prompt')} />
        ) : consent.personalize ? (
          <>
            <p class="bubble">Hi! Here is what I picked for you based on what you browsed.</p>
            {s.status.storage === 'memory' && (
              <p class="bubble" data-storage="memory">
                Your browser does not let this chat keep data here, so I will forget everything when you leave
                this page.
              </p>
            )}
            {s.problem && <p class="bubble warn">{s.problem}</p>}
            {s.recs ? <RecommendationList recs={s.recs} /> : !s.problem && <p class="muted">Thinking…</p>}
          </>
        ) : (
          <p class="bubble">Understood: nothing about your visit is stored or shared. How can I help?</p>
        )}
      </main>
    </div>
  );
}
