/** The side panel: people, chat, the assembly held in the meeting, polls, shared notes, the presentation or (for moderators) moderation, with its title and a close button. */
import { X } from 'lucide-preact';
import { useEffect, useRef } from 'preact/hooks';
import type { RoomView } from '../../../shared/api.js';
import { lazyComponent } from '../../app/lazy.js';
import { AssemblyPanel } from './AssemblyPanel.js';
import { ChatPanel } from './ChatPanel.js';
import { ModeratorPanel } from './ModeratorPanel.js';
import type { MeetingController, MeetingState } from './meeting-controller.js';
import { type MeetingUi, permissions } from './meeting-ui.js';
import { t } from './messages.js';
import { ParticipantsPanel } from './ParticipantsPanel.js';

// Polls load when their panel is first shown; the controller keeps the poll meanwhile.
const PollsPanel = lazyComponent(() => import('../polls/index.js').then((module) => module.PollsPanel));
// The notes' editor (ProseMirror, Yjs) loads when their panel is first shown.
const NotesPanel = lazyComponent(() => import('../notes/index.js').then((module) => module.NotesPanel));
// The presentation's panel (upload, presenter, download) loads with its page view, when first shown.
const PresentationPanel = lazyComponent(() => import('../presentation/index.js').then((module) => module.PresentationPanel));
// The breakout rooms' panel loads when first shown; the main meeting's controller keeps their state meanwhile.
const BreakoutsPanel = lazyComponent(() => import('../breakouts/index.js').then((module) => module.BreakoutsPanel));

export function SidePanel({
  meeting,
  state,
  ui,
  room,
  main,
}: {
  meeting: MeetingController;
  state: MeetingState;
  ui: MeetingUi;
  room: RoomView;
  /** The main meeting, also while `meeting` is a breakout room's: the breakout rooms' panel is its. */
  main: MeetingController;
}) {
  const panel = ui.panel.value;
  const aside = useRef<HTMLElement>(null);
  useEffect(() => {
    // The panel takes the focus when it opens: the message box of the chat or the question of a new poll, else its close button.
    const element = aside.current;
    if (!element) return;
    (element.querySelector<HTMLElement>('#chat-text, #poll-question') ?? element.querySelector<HTMLElement>('.panel-head button'))?.focus();
  }, [panel]);
  if (!panel) return null;
  const { isModerator, canUse, canWritePrivatelyTo, pollsShown, notesShown, presentationShown } = permissions(state);
  const people = state.remotes.map((remote) => remote.summary);
  return (
    <aside ref={aside} class="side-panel" aria-label={t(`panel.${panel}`)}>
      <div class="panel-head">
        <h2>{t(`panel.${panel}`)}</h2>
        <button type="button" class="icon-button" onClick={() => (ui.panel.value = undefined)} aria-label={t('panel.close')}>
          <X aria-hidden="true" size={20} />
        </button>
      </div>
      {panel === 'people' && (
        <ParticipantsPanel self={state.self} people={people} isModerator={isModerator} moderate={(m) => meeting.moderate(m)} />
      )}
      {panel === 'chat' && (
        <ChatPanel
          messages={state.chat}
          selfId={state.self?.participantId}
          people={people}
          canWriteToEveryone={canUse('chat')}
          canWritePrivatelyTo={canWritePrivatelyTo}
          isModerator={isModerator}
          send={(to, text) => meeting.sendChat(to, text)}
          exportChat={state.settings?.endToEndEncrypted ? undefined : () => meeting.moderate({ action: 'export-chat' })}
        />
      )}
      {panel === 'assembly' && state.assembly && <AssemblyPanel assembly={state.assembly} send={(message) => meeting.assembly(message)} />}
      {panel === 'polls' && pollsShown && (
        <PollsPanel
          poll={state.poll}
          results={state.pollResults}
          isModerator={isModerator}
          send={(message) => meeting.poll(message)}
          seen={ui.pollSeen}
        />
      )}
      {panel === 'notes' && notesShown && state.self && (
        <NotesPanel
          channel={meeting.notesChannel}
          selfId={state.self.participantId}
          people={[state.self, ...people]}
          isModerator={isModerator}
          locked={state.notes.locked}
          setLocked={(locked) => meeting.notes({ type: 'notes-lock', locked })}
          kept={state.notes.kept}
          setKept={meeting === main ? (keep) => meeting.notes({ type: 'notes-keep', keep }) : undefined}
          roomName={room.name}
        />
      )}
      {panel === 'presentation' && presentationShown && state.self && (
        <PresentationPanel
          roomId={room.roomId}
          presentation={state.presentation}
          selfId={state.self.participantId}
          people={[state.self, ...people]}
          isModerator={isModerator}
          ticket={() => meeting.presentationTicket()}
          send={(message) => meeting.presentation(message)}
        />
      )}
      {panel === 'breakouts' && <BreakoutsPanel state={main.state.value} send={(message) => main.breakoutRooms(message)} />}
      {panel === 'moderation' && isModerator && state.settings && (
        <ModeratorPanel
          lobby={state.lobby}
          settings={state.settings}
          settingsUrl={`/r/${room.roomId}/settings`}
          moderate={(m) => meeting.moderate(m)}
        />
      )}
    </aside>
  );
}
