/**
 * Breakout rooms in the browser: the side panel where moderators set them up and run them, and
 * where participants choose or go to their room (see `BreakoutsPanel`). The meeting loads this on
 * first use; the breakout's state, and the move between meetings, live in the meeting's controller.
 */
export { BreakoutsPanel, type BreakoutsPanelProps } from './BreakoutsPanel.js';
