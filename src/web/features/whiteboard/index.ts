/**
 * The meeting's whiteboard, in the browser: this page's copy of the boards (`WhiteboardSession`,
 * Yjs synced over the signalling socket), a board drawn over its page (`WhiteboardOverlay`), the
 * tools (`WhiteboardToolbar`), the blank board on the stage (`WhiteboardStage`) and the annotated
 * PDF (`export-pdf.ts`, pdf-lib, loaded on the first download). The presentation's page and the
 * meeting load this on first use; the whiteboard's settings live in the meeting's controller.
 */

export { useWhiteboardTools, type WhiteboardTools } from './tools.js';
export { type ExportedPresentation, useWhiteboardSession } from './use-whiteboard.js';
export { WhiteboardOverlay } from './WhiteboardOverlay.js';
export { WhiteboardStage, type WhiteboardStageProps } from './WhiteboardStage.js';
export { type WhiteboardMessage, type WhiteboardRoles, WhiteboardToolbar } from './WhiteboardToolbar.js';
export type { WhiteboardChannel, WhiteboardListener } from './whiteboard-session.js';
