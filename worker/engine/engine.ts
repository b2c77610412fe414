/**
 * The worker's engine: the API behind comlink. It wires the consent gate (storage), the model hub
 * (the three models), the personalizer (profile, segment, recommendations), the chat (intent,
 * decisions, transcript), feedback, experiments and the sync client together; each of those owns
 * its own rules.
 */
import {
  applyRating,
  type Chat,
  createChat,
  emptySatisfaction,
  lastRatedAt,
  preferenceWords,
  type SatisfactionState,
  validateFaq,
  validateTemplateConfig,
  validRating,
} from '../chat';
import { createConsentGate } from '../consent';
import {
  assignments,
  bucket,
  type ExperimentState,
  emptyExperiments,
  installSalt,
  recordConversion,
  recordExposure,
  type SiteExperiments,
  siteExperiments,
  validateExperiments,
} from '../experiments';
import { configureRuntime, createModelHub, type ModelHub, releaseSessions, setModelCaching } from '../models';
import {
  type AnswerContext,
  applyExposure,
  applyFeedback,
  createPersonalizer,
  type ExposureState,
  emptyExposure,
  emptyFeedback,
  type FeedbackState,
  feedbackEntries,
  type Personalizer,
} from '../personalization';
import type { Assignment, ExperimentSpec, WorkerApi, WorkerNotice, WorkerStatus } from '../protocol';
import { serializeError, ValidationError } from '../protocol';
import { coalesce } from '../scheduling';
import { createReporter } from '../sync';
import { DEVICE_MODELS, type DeviceModels } from './model-builders';
import { readStatus } from './status';

/** Creates a fresh engine; the worker entry exposes one through comlink. */
export function createEngine(): WorkerApi {
  const gate = createConsentGate();
  let hub: ModelHub<DeviceModels> | null = null;
  let personalizer: Personalizer | null = null;
  let chat: Chat | null = null;
  let experiments: SiteExperiments | null = null;
  const specs = (): readonly ExperimentSpec[] => experiments?.current() ?? [];
  let listener: ((notice: WorkerNotice) => void) | null = null;

  const notify = (notice: WorkerNotice): void => {
    // A listener that went away (frame reloaded) must not break tracking; through comlink the
    // call is asynchronous, so both a throw and a rejection are swallowed.
    try {
      Promise.resolve(listener?.(notice)).catch(() => undefined);
    } catch {
      listener = null;
    }
  };
  const models = (): ModelHub<DeviceModels> => {
    hub ??= createModelHub(gate.config().serverUrl, DEVICE_MODELS);
    return hub;
  };
  const feedbackState = async (): Promise<FeedbackState> =>
    (await gate.maybeStore()?.getState('feedback')) ?? emptyFeedback();
  const exposureState = async (): Promise<ExposureState> =>
    (gate.consent?.personalize ? await gate.maybeStore()?.getState('exposure') : undefined) ??
    emptyExposure();
  const satisfactionState = async (): Promise<SatisfactionState> =>
    (gate.consent?.personalize ? await gate.maybeStore()?.getState('satisfaction') : undefined) ??
    emptySatisfaction();
  const experimentState = async (): Promise<ExperimentState> =>
    (await gate.maybeStore()?.getState('experiments')) ?? emptyExperiments();
  const person = (): Personalizer => {
    personalizer ??= createPersonalizer({
      gate,
      hub: models(),
      feedback: feedbackState,
      exposure: exposureState,
      preferences: async () =>
        preferenceWords(
          (gate.consent?.personalize ? await gate.maybeStore()?.getState('preferences') : undefined) ?? {
            items: [],
          },
        ),
      notify: push,
    });
    return personalizer;
  };
  const talk = (): Chat => {
    chat ??= createChat({ gate, hub: models(), personalizer: person, feedback: feedbackState });
    return chat;
  };
  const reporter = createReporter({
    gate,
    hub: models,
    segment: () => person().segment(),
    transcript: () => talk().transcript(),
    feedback: feedbackState,
    exposure: exposureState,
    satisfaction: satisfactionState,
    experiments: experimentState,
    specs,
  });

  const status = (): Promise<WorkerStatus> => readStatus(gate, hub);

  // After recommendations reach the frame: the day's reports are queued (with `share`) and the
  // frame gets the status that results, so it never has to ask for either.
  const afterRecommendations = coalesce(async () => {
    if (gate.consent?.share) await reporter.sync().catch(() => undefined);
    notify({ type: 'status', status: await status() });
  });
  const push = (notice: WorkerNotice): void => {
    notify(notice);
    if (notice.type === 'recommendations') void afterRecommendations();
  };

  let announced = false;
  /**
   * With `personalize`: once per page view the visitor's experiment arms (their exposures are
   * recorded before the first report is queued), then fresh segment and recommendations.
   */
  async function personalize(): Promise<void> {
    if (!announced) {
      announced = true;
      try {
        for (const assignment of await api.experiments()) notify({ type: 'experiment', assignment });
      } catch (e) {
        announced = false;
        notify({ type: 'problem', error: serializeError(e) });
      }
    }
    if (gate.consent?.personalize) person().refresh();
  }

  function resetDerived(): void {
    personalizer?.reset();
    hub?.reset();
    hub = null;
    personalizer = null;
    chat = null;
    releaseSessions();
  }

  const api: WorkerApi = {
    async init(config) {
      // A broken site configuration is refused up front, before anything is stored or loaded.
      const fromHost = config.experiments ? validateExperiments(config.experiments) : undefined;
      if (config.templates) validateTemplateConfig(config.templates);
      // Inline FAQ entries likewise; a fetched bundle is read with the first message (worker/chat).
      if (Array.isArray(config.faq)) validateFaq(config.faq);
      configureRuntime({ webgpu: config.webgpu === true });
      await gate.init(config);
      experiments = siteExperiments({ fromHost, serverUrl: config.serverUrl, site: config.site });
      const returning = gate.consent?.personalize === true;
      setModelCaching(returning);
      // A returning visitor who opted in sees the last page's recommendations as soon as they are
      // read, and gets the models warmed from the cache straight away for fresh ones.
      if (returning) {
        void person()
          .pushKept()
          .catch(() => false);
        models().warm();
        void personalize();
      }
      return status();
    },

    async setConsent(purposes, source, options) {
      const consent = await gate.setConsent(purposes, source, options);
      if (!consent) return status();
      // Without `share` nothing may wait to be sent: the queued batches go too.
      if (!consent.share) await reporter.revoke();
      setModelCaching(consent.personalize);
      if (consent.personalize) {
        // Warm the runtime and the models now, so the first answer does not pay for them.
        models().warm();
        await chat?.persist();
        void personalize();
      } else {
        resetDerived();
      }
      return status();
    },

    async track(event) {
      const r = await gate.offer(event);
      if (!r.stored) return { stored: false, reason: r.reason };
      // Folded into the profile before anything else is awaited: once the event is in IndexedDB, a
      // segment, greeting or recommendation asked for must already see it (a purchase turns a
      // browsing visitor into a buyer).
      const folded = person().onStored(r.event);
      // Handled where it is awaited below; this only keeps a failure from reading as unhandled meanwhile.
      folded.catch(() => undefined);
      if (r.event.type === 'purchase') {
        const store = gate.store();
        await store.putState('experiments', recordConversion(await experimentState(), r.event.ts));
      }
      await folded;
      return { stored: true };
    },

    profile: () => person().profile(),
    segment: () => person().segment(),
    recommend: () => person().recommend(),
    classify: (text) => talk().classify(text),
    answer: (text) => talk().answer(text),
    transcript: () => talk().transcript(),
    preferences: () => talk().preferences(),
    forgetPreference: (id) => talk().forgetPreference(id),
    escalation: () => talk().escalation(),
    greeting: () => talk().greeting(),

    async feedback(input) {
      if (!gate.consent?.personalize) return { recorded: false, reason: 'consent' };
      const store = gate.store();
      let context: AnswerContext | undefined;
      if (input?.target === 'answer') {
        context = await talk().answerContext(input.id);
        if (!context) return { recorded: false, reason: 'unknown' };
      }
      await store.putState('feedback', applyFeedback(await feedbackState(), input, Date.now(), context));
      person()
        .recommend()
        .then(
          (recommendations) => push({ type: 'recommendations', recommendations }),
          () => undefined,
        );
      return { recorded: true };
    },

    async exposure(input) {
      const store = gate.consent?.personalize ? gate.maybeStore() : null;
      if (!store) return { recorded: false };
      const next = applyExposure(await exposureState(), input, Date.now());
      await store.putState('exposure', next);
      return { recorded: true };
    },

    async rate(input) {
      validRating(input);
      const store = gate.consent?.personalize ? gate.maybeStore() : null;
      if (!store) return { recorded: false, reason: 'consent' };
      const state = await satisfactionState();
      const since = lastRatedAt(state);
      const turns = (await talk().transcript()).filter((m) => m.role === 'visitor' && m.at > since).length;
      const next = applyRating(state, input, turns, Date.now());
      if (!next) return { recorded: false, reason: 'short' };
      await store.putState('satisfaction', next);
      return { recorded: true };
    },

    async assign(id): Promise<Assignment> {
      let spec = specs().find((e) => e.id === id);
      // The server's experiments are only asked for once they can be recorded (see site-experiments).
      if (!spec && gate.consent?.personalize && experiments)
        spec = (await experiments.load()).find((e) => e.id === id);
      if (!spec) throw new ValidationError('invalid_argument', `no experiment "${String(id)}" is configured`);
      const store = gate.consent?.personalize ? gate.maybeStore() : null;
      // Without consent the salt cannot be kept, so the visitor gets the first variant (the control).
      const index = store ? await bucket(await installSalt(store), spec) : 0;
      const assignment: Assignment = {
        experiment: spec.id,
        variant: spec.variants[index]?.name ?? '',
        index,
        recorded: store !== null,
      };
      if (store)
        await store.putState('experiments', recordExposure(await experimentState(), assignment, Date.now()));
      return assignment;
    },

    async experiments() {
      if (!gate.consent?.personalize || !experiments) return [];
      const out: Assignment[] = [];
      // One at a time: each exposure is a read-modify-write of the same state record.
      for (const spec of await experiments.load()) out.push(await api.assign(spec.id));
      return out;
    },

    async export() {
      const store = gate.maybeStore();
      const personalized = gate.consent?.personalize === true && store !== null;
      const exposure = await exposureState();
      return {
        format: 'confide-export/1',
        exportedAt: Date.now(),
        consent: gate.consent,
        events: store ? await store.events() : [],
        profile: personalized
          ? await person()
              .profile()
              .catch(() => null)
          : null,
        segment: personalized
          ? await person()
              .segment()
              .catch(() => null)
          : null,
        transcript: await talk().transcript(),
        feedback: feedbackEntries(await feedbackState()),
        experiments: assignments(await experimentState()),
        preferences: await talk().preferences(),
        exposure: exposure.items,
        impressions: exposure.impressions ?? [],
        ratings: (await satisfactionState()).ratings,
        recommendations: personalized ? await person().kept() : null,
      };
    },

    async forget() {
      reporter.stop();
      await gate.wipe();
      setModelCaching(false);
      resetDerived();
      return status();
    },

    prepare: () => talk().prepare(),
    sync: () => reporter.sync(),
    async hidden() {
      if (!gate.consent?.share) return;
      await reporter.sync().catch(() => undefined);
      // Like every sync the worker starts itself, it ends with the status it left.
      notify({ type: 'status', status: await status() });
    },
    status,
    async subscribe(fn) {
      if (typeof fn !== 'function')
        throw new ValidationError('invalid_argument', 'subscribe needs a function');
      listener = fn;
    },
  };
  return api;
}
