/**
 * The conversation in the frame: the panel and its parts, the controller that talks to the worker,
 * and the once-per-session greeting mark.
 */

/** Sends messages in order, shows answers, records thumbs, restores the transcript, greets once. */
export { type ChatController, createChatController } from './chat-controller';
/** The open panel: header, conversation or consent prompt or privacy center, composer. */
export { ChatPanel, type ChatPanelProps } from './chat-panel';
/** The session's greeting mark (sessionStorage of the widget origin, with `personalize` only). */
export { forgetGreeted, markGreeted, wasGreeted } from './greeting';
