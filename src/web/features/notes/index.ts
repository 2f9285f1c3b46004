/** The shared notes panel (loaded on first use) and the channel it needs from the meeting. */
export { NotesPanel } from './NotesPanel.js';
export type { NotesChannel, NotesListener, NotesServerMessage } from './notes-session.js';
