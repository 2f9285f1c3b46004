/**
 * Polls in a meeting, in the browser: the side panel where moderators ask and everyone answers
 * (see `PollsPanel`). The meeting loads this on first use; its state (the poll and its results)
 * lives in the meeting's controller, so messages that come before it loads are kept.
 */
export { type PollMessage, PollsPanel, type PollsPanelProps } from './PollsPanel.js';
