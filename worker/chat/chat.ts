/**
 * The chat: each visitor message is redacted, read for its language, classified by the intent model
 * and matched against the site's FAQ, answered by the decision rules from the site's templates in the
 * visitor's language (personalized by segment and profile when the visitor allowed it), and kept in
 * the encrypted transcript. Without `personalize` the conversation lives only in this worker's memory
 * and nothing about the visitor shapes the answer.
 */
import type { IntentAnswers, IntentEntry } from '../../models/features';
import type { ConsentGate } from '../consent';
import type { ModelHub } from '../models';
import { loadVerifiedJson } from '../models';
import type { Personalizer } from '../personalization';
import { type FeedbackState, variantPenalty } from '../personalization';
import {
  type Answer,
  type ChatMessage,
  type Escalation,
  type Greeting,
  type IntentResult,
  MAX_CHAT_CHARS,
  type Preference,
  type Profile,
  type Segment,
  ValidationError,
} from '../protocol';
import { BUILT_IN_TEXTS, baseLanguage } from './built-in-texts';
import { type CatalogSearch, createCatalogSearch } from './catalog-search';
import { createConversationLog } from './conversation-log';
import { decide } from './decisions';
import {
  contextOf,
  type DialogueState,
  emptyDialogue,
  nextTurn,
  remember,
  resumeDialogue,
} from './dialogue-state';
import { ESCALATE_AFTER, escalation, failedTurn, SUMMARY_MESSAGES } from './escalation';
import { createFaqMatcher, type FaqMatcher } from './faq';
import { faqSource } from './faq-source';
import { chooseGreeting, GREETING_INTENT } from './greeting';
import type { IntentClassifier } from './intent';
import { messageLanguage } from './language';
import { createPreferenceStore, removePreference } from './preferences';
import { productOutcome, searchCards } from './product-answers';
import { type ResolvedTemplates, resolveTemplates } from './templates';
import { readTurn, type TurnIo } from './turn-reading';

/** Answers whose decision is remembered in memory for feedback, besides the stored transcript. */
const RECENT_ANSWERS = 100;

/** What the chat needs from the engine. */
export interface ChatDeps {
  readonly gate: ConsentGate;
  readonly hub: ModelHub<{ recommend: unknown; segment: unknown; intent: IntentClassifier }>;
  readonly personalizer: () => Personalizer;
  readonly feedback: () => Promise<FeedbackState>;
}

/** The chat. */
export interface Chat {
  classify(text: string): Promise<IntentResult>;
  answer(text: string): Promise<Answer>;
  /** Loads what an answer needs (intent model, FAQ index, catalog, templates), ignoring failures. */
  prepare(): Promise<void>;
  transcript(): Promise<ChatMessage[]>;
  /** The proactive greeting for this visitor. */
  greeting(): Promise<Greeting>;
  /** Moves the session-only conversation into the encrypted transcript (after `personalize` is granted). */
  persist(): Promise<void>;
  /** The intent and variant behind an answer, for feedback; undefined for an unknown id. */
  answerContext(id: string): Promise<{ intent: string | null; variant: string } | undefined>;
  /** The preferences the visitor stated, oldest first. */
  preferences(): Promise<Preference[]>;
  /** The offer of a person after a thumbs-down; null when the site has no handoff. */
  escalation(): Promise<Escalation | null>;
  /** Deletes one stated preference; unknown ids are ignored. */
  forgetPreference(id: string): Promise<void>;
}

/** The intent result used when the intent model cannot run: out of scope, so the rules hand off. */
function noIntent(): IntentResult {
  return { intent: null, top: '', confidence: 0, threshold: 1, alternatives: [], inferenceMs: 0 };
}

/** Creates the chat. */
export function createChat(deps: ChatDeps): Chat {
  const { gate, hub } = deps;
  const log = createConversationLog(() => (personalized() ? gate.maybeStore() : null));
  const recent = new Map<string, { intent: string | null; variant: string }>();
  const templates = new Map<string, Promise<ResolvedTemplates>>();
  let faq: Promise<FaqMatcher | null> | null = null;
  let catalog: Promise<CatalogSearch | null> | null = null;
  let dialogue: DialogueState = emptyDialogue();
  let resumed = false;
  const preferenceStore = createPreferenceStore(() => (personalized() ? gate.maybeStore() : null));

  const personalized = () => gate.consent?.personalize === true && gate.maybeStore() !== null;

  function clean(text: unknown): string {
    if (typeof text !== 'string')
      throw new ValidationError('invalid_argument', 'the message must be a string');
    const trimmed = text.trim();
    if (trimmed.length === 0) throw new ValidationError('invalid_argument', 'the message is empty');
    // The intent model's limit: a longer message could be handed off, never classified.
    if (trimmed.length > MAX_CHAT_CHARS) {
      throw new ValidationError(
        'invalid_argument',
        `the message is longer than ${MAX_CHAT_CHARS} characters`,
      );
    }
    return gate.redact(trimmed);
  }

  async function intentEntry(): Promise<IntentEntry | undefined> {
    return (await hub.manifest().catch(() => null))?.models.intent;
  }

  /** The templates in one language, resolved once per language. */
  async function loadTemplates(lang = baseLanguage(gate.config().locale)): Promise<ResolvedTemplates> {
    let pending = templates.get(lang);
    if (!pending) {
      pending = (async () => {
        const entry = await intentEntry();
        const answers = entry?.answers
          ? await loadVerifiedJson<IntentAnswers>(
              gate.config().serverUrl,
              entry.answers.file,
              entry.answers.sha256,
            ).catch(() => null)
          : null;
        return resolveTemplates(gate.config().templates, answers, entry?.labels ?? [], lang);
      })();
      pending.catch(() => templates.delete(lang));
      templates.set(lang, pending);
    }
    return pending;
  }

  /** The site's FAQ indexed with the intent model's tokenizer; null without an FAQ or a model. */
  function loadFaq(): Promise<FaqMatcher | null> {
    faq ??= (async () => {
      const entry = await intentEntry();
      // No manifest yet (offline, server down): try again with the next message.
      if (!entry) throw new Error('no intent model to index the FAQ with');
      try {
        const { entries, vectors } = faqSource(gate.config().faq);
        return entries.length ? createFaqMatcher(entries, entry.tokenizer, vectors) : null;
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        // A broken FAQ file (inline entries were refused at init): say so once and answer without it.
        console.warn(`[confide] FAQ not used: ${e.message}`);
        return null;
      }
    })();
    return faq.catch(() => {
      faq = null;
      return null;
    });
  }

  /** Product search over the recommender's catalog; null while the catalog cannot be had. */
  function loadCatalog(): Promise<CatalogSearch | null> {
    catalog ??= hub.catalog().then(createCatalogSearch);
    return catalog.catch(() => {
      catalog = null;
      return null;
    });
  }

  const io: TurnIo = {
    classify: (t) => classifyClean(t),
    catalog: loadCatalog,
    faq: loadFaq,
    loadPreferences: preferenceStore.load,
    savePreferences: preferenceStore.save,
  };

  /** The language to answer in: the message's, when there are texts in it, else the widget's. */
  function answerLanguage(written: string): string {
    const own = baseLanguage(gate.config().locale);
    if (written === 'en' || written === own) return own;
    return BUILT_IN_TEXTS[written] || gate.config().templates?.locales?.[written] ? written : own;
  }

  const keep = (message: ChatMessage) => log.keep(message);

  async function classifyClean(text: string): Promise<IntentResult> {
    return (await hub.intent()).classify(text);
  }

  return {
    classify: async (text) => classifyClean(clean(text)),

    async prepare() {
      // An answer that finds one of them unavailable falls back on its own; preparing never fails.
      // The templates in the widget's own language, which is what an English message is answered in.
      await Promise.allSettled([hub.intent(), loadFaq(), loadCatalog(), loadTemplates(answerLanguage('en'))]);
    },

    async answer(raw) {
      const text = clean(raw);
      const at = Date.now();
      // A new page (a new worker) continues the kept conversation where it was.
      if (dialogue.turn === 0 && !resumed && personalized()) {
        resumed = true;
        dialogue = resumeDialogue(await log.all(), at) ?? dialogue;
      }
      const state = nextTurn(dialogue);
      const written = messageLanguage(text);
      const readable = written === 'en';
      const {
        intent,
        cues,
        faq: faqMatch,
        plan,
        stated,
        liked,
        search,
      } = await readTurn(io, { text, at, state, readable }, noIntent);
      let segment: Segment | null = null;
      let profile: Profile | null = null;
      if (personalized()) {
        const p = deps.personalizer();
        [segment, profile] = await Promise.all([
          p.segment().catch(() => null),
          p.profile().catch(() => null),
        ]);
      }
      const feedback = await deps.feedback();
      const config = gate.config();
      const resolved = await loadTemplates(answerLanguage(written));
      const outcome = plan
        ? productOutcome(plan, stated, intent, resolved)
        : decide({
            intent,
            segment,
            profile,
            templates: resolved,
            ...(config.handoff ? { handoff: config.handoff } : {}),
            penalty: (name, variant) => variantPenalty(feedback, name, variant),
            faq: faqMatch ?? null,
            readable,
          });
      const cards =
        plan && search && plan.hits.length
          ? searchCards(plan, {
              currency: search.currency,
              modelVersion: (await hub.manifest().catch(() => null))?.version ?? '',
              liked,
            })
          : undefined;
      const recommendations =
        cards ??
        (outcome.wantsRecommendations && personalized()
          ? await deps
              .personalizer()
              .recommend()
              .catch(() => undefined)
          : undefined);
      dialogue = remember(state, {
        text,
        intent,
        cues,
        plan,
        clarified: outcome.decision.rule === 'clarify',
        failed: failedTurn(outcome.decision.rule),
      });
      const answer: Answer = {
        id: crypto.randomUUID(),
        text: outcome.text,
        intent,
        decision: outcome.decision,
        quickReplies: outcome.quickReplies,
        ...(outcome.handoff ? { handoff: outcome.handoff } : {}),
        ...(outcome.link ? { link: outcome.link } : {}),
        ...(recommendations ? { recommendations } : {}),
      };
      await keep({ id: crypto.randomUUID(), role: 'visitor', text, at });
      await keep({
        id: answer.id,
        role: 'assistant',
        text: answer.text,
        at: Date.now(),
        decision: answer.decision,
        ...(answer.handoff ? { handoff: answer.handoff } : {}),
        ...(answer.link ? { link: answer.link } : {}),
        context: contextOf(dialogue),
      });
      recent.set(answer.id, { intent: answer.decision.intent, variant: answer.decision.variant });
      // A stated preference re-ranks the page's recommendations too, at once.
      if (stated && personalized()) deps.personalizer().refresh();
      // The second unhelpful answer in a row offers a person, with the conversation to send.
      if (dialogue.failures >= ESCALATE_AFTER) {
        // The summary holds the last few messages: a long transcript is not opened for them.
        const offer = escalation('failed-turns', await log.recent(SUMMARY_MESSAGES), config.handoff);
        if (offer) return { ...answer, escalation: offer };
      }
      if (recent.size > RECENT_ANSWERS) recent.delete(recent.keys().next().value as string);
      return answer;
    },

    async greeting() {
      const [segment, profile] = personalized()
        ? await Promise.all([
            deps
              .personalizer()
              .segment()
              .catch(() => null),
            deps
              .personalizer()
              .profile()
              .catch(() => null),
          ])
        : [null, null];
      const feedback = await deps.feedback();
      return chooseGreeting({
        templates: await loadTemplates(),
        segment,
        profile,
        penalty: (variant) => variantPenalty(feedback, GREETING_INTENT, variant),
      });
    },

    transcript: () => log.all(),
    escalation: async () =>
      escalation('thumbs-down', await log.recent(SUMMARY_MESSAGES), gate.config().handoff),
    persist: () => log.persist(),

    preferences: async () => [...(await preferenceStore.load()).items],

    async forgetPreference(id) {
      await preferenceStore.save(removePreference(await preferenceStore.load(), String(id)));
      if (personalized()) deps.personalizer().refresh();
    },

    async answerContext(id) {
      const hit = recent.get(id);
      if (hit) return hit;
      const found = (await this.transcript()).find((m) => m.id === id && m.role === 'assistant');
      return found?.decision ? { intent: found.decision.intent, variant: found.decision.variant } : undefined;
    },
  };
}
