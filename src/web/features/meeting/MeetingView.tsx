/**
 * The meeting page: it owns the `MeetingController` for as long as it is shown and composes the
 * stage, the side panel, the toolbar and the banners; the lobby and end screens around them.
 */
import { type ReadonlySignal, type Signal, useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { RoomView } from '../../../shared/api.js';
import { forgetJoinGrant } from '../../app/join-grant.js';
import { lazyComponent } from '../../app/lazy.js';
import { stopStream } from '../prejoin/local-media.js';
import type { JoinChoice } from '../prejoin/PreJoin.js';
import { Banners } from './Banners.js';
import { BreakoutBar, withoutThoseAway } from './BreakoutBar.js';
import { EncryptionPanel } from './EncryptionPanel.js';
import { ConnectingScreen, EndScreen, WaitingScreen } from './EndScreen.js';
import { MeetingHeader, MeetingToast } from './MeetingHeader.js';
import { runShortcut } from './meeting-actions.js';
import type { MeetingController } from './meeting-controller.js';
import { finishedStatuses, type MeetingUi, permissions, useMeetingUi } from './meeting-ui.js';
import { SidePanel } from './SidePanel.js';
import { Stage } from './Stage.js';
import { shortcutFor } from './shortcuts.js';
import { startMeeting, takeMeeting } from './start-meeting.js';
import { Toolbar } from './Toolbar.js';
import './meeting.css';

// The dialogs load when first opened: the meeting's first screen does not need them.
const ShortcutHelp = lazyComponent(() => import('./ShortcutHelp.js').then((module) => module.ShortcutHelp));
const SettingsDialog = lazyComponent(() => import('./SettingsDialog.js').then((module) => module.SettingsDialog));
// The presentation's page (pdf.js) loads when a presentation is first shown.
const PresentationStage = lazyComponent(() => import('../presentation/index.js').then((module) => module.PresentationStage));
// The blank whiteboard (Yjs, perfect-freehand) loads when it is first shown.
const WhiteboardStage = lazyComponent(() => import('../whiteboard/index.js').then((module) => module.WhiteboardStage));

/** Who leads the whiteboard (the presenter, or a moderator) and who may draw on it now (everyone when allowed; else the presenter, or with no presentation the moderators). */
function whiteboardRoles(state: MeetingController['state']['value'], isModerator: boolean) {
  const presenterId = state.presentation?.presenterId;
  const presenting = presenterId !== undefined && presenterId === state.self?.participantId;
  const { everyoneMayDraw } = state.whiteboard;
  return { leads: isModerator || presenting, mayDraw: everyoneMayDraw || (presenterId ? presenting : isModerator), everyoneMayDraw };
}

/** A short two-tone cue for moderators when someone starts waiting. */
function playCue(): void {
  try {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.setValueAtTime(660, audio.currentTime);
    oscillator.frequency.setValueAtTime(880, audio.currentTime + 0.12);
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.25);
    oscillator.addEventListener('ended', () => void audio.close());
  } catch {
    // No audio output: the visual cue remains.
  }
}

/**
 * Takes the controller the pre-join screen started on the join click (`startMeeting`), or starts
 * one (for each new join choice); disposes of it when the page closes.
 */
function useMeetingController(room: RoomView, choice: JoinChoice): Signal<MeetingController | undefined> {
  const controller = useSignal<MeetingController | undefined>(undefined);
  useLayoutEffect(() => {
    const meeting = takeMeeting(choice) ?? startMeeting(room, choice);
    controller.value = meeting;
    const leaveOnUnload = () => meeting.dispose();
    window.addEventListener('pagehide', leaveOnUnload);
    return () => {
      window.removeEventListener('pagehide', leaveOnUnload);
      meeting.dispose();
      stopStream(choice.stream);
    };
  }, [room.roomId, choice]);
  return controller;
}

/** Follows the active speaker, and plays the cue for moderators when the lobby grows. */
function useMeetingCues(controller: ReadonlySignal<MeetingController | undefined>, ui: MeetingUi): void {
  const lobbySize = useRef(0);
  useSignalEffect(() => {
    const state = controller.value?.state.value;
    if (!state) return;
    const speaker = state.remotes.find((remote) => remote.summary.speaking);
    if (speaker) ui.activeSpeakerId.value = speaker.summary.participantId;
    const waiting = state.lobby.length;
    if (waiting > lobbySize.current && state.self?.role === 'moderator') playCue();
    lobbySize.current = waiting;
  });
}

/**
 * The keyboard shortcuts (`shortcuts.ts`) while the meeting is shown and no dialog is open, and
 * Escape to close the open panel (menus and dialogs close themselves first and stop the key).
 */
function useMeetingKeys(controller: ReadonlySignal<MeetingController | undefined>, ui: MeetingUi): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const meeting = controller.peek();
      const state = meeting?.state.peek();
      const status = state?.status;
      if (!meeting || !status || finishedStatuses.includes(status) || status === 'waiting') return;
      // Nothing of the meeting is on the page yet (Connecting…): no shortcut acts unseen.
      if (status === 'connecting' || state?.answeringFirst) return;
      if (event.defaultPrevented || ui.dialog.peek()) return;
      if (event.key === 'Escape' && ui.panel.peek()) {
        // The focus goes back to the button that opened the panel.
        const opener = document.querySelector<HTMLElement>('.toolbar [aria-pressed="true"]');
        ui.panel.value = undefined;
        opener?.focus();
        return;
      }
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      runShortcut(action, meeting, ui);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** When the chair puts a motion and this person casts a vote on it, the assembly panel opens. */
function useAssemblyCue(controller: ReadonlySignal<MeetingController | undefined>, ui: MeetingUi): void {
  const state = controller.value?.state.value;
  const open = state?.assembly?.motions.find((motion) => motion.status === 'open');
  const votes = state?.assembly?.ballots.length ?? 0;
  const openId = open?.id;
  useEffect(() => {
    if (openId && votes > 0) ui.panel.value = 'assembly';
  }, [openId]);
}

/**
 * A poll opens for this person to answer: the polls panel opens, unless another panel or a dialog
 * is open (every text field of the meeting is in one; the Polls button then shows a mark).
 */
function usePollCue(controller: ReadonlySignal<MeetingController | undefined>, ui: MeetingUi): void {
  const poll = controller.value?.state.value.poll;
  const toAnswer = poll?.status === 'open' && !poll.answered ? poll.pollId : undefined;
  useEffect(() => {
    if (toAnswer && !ui.panel.peek() && !ui.dialog.peek()) ui.panel.value = 'polls';
  }, [toAnswer]);
}

/** The meeting the page shows: a breakout room's while this page is in one (until it is over), else the main meeting. */
function useShownMeeting(controller: Signal<MeetingController | undefined>): ReadonlySignal<MeetingController | undefined> {
  return useComputed(() => {
    const main = controller.value;
    const visit = main?.state.value.breakout?.controller;
    return visit && !finishedStatuses.includes(visit.state.value.status) ? visit : main;
  });
}

export function MeetingView({ room: mainRoom, choice, onRejoin }: { room: RoomView; choice: JoinChoice; onRejoin: () => void }) {
  const controller = useMeetingController(mainRoom, choice);
  const shown = useShownMeeting(controller);
  const ui = useMeetingUi(choice.speakerId);
  useMeetingCues(shown, ui);
  useMeetingKeys(shown, ui);
  useAssemblyCue(shown, ui);
  usePollCue(shown, ui);
  const main = controller.value;
  const meeting = shown.value;
  if (!main || !meeting) return null;
  const mainState = main.state.value;
  if (finishedStatuses.includes(mainState.status)) {
    // A spent grant is forgotten: the pre-join screen then asks for a name as for anyone.
    if (mainState.refusedFor === 'join_link_expired') forgetJoinGrant(mainRoom.roomId);
    return <EndScreen state={mainState} onRejoin={onRejoin} logoutUrl={choice.grant?.logoutUrl ?? undefined} />;
  }
  if (mainState.status === 'waiting') return <WaitingScreen onLeave={() => main.leave()} />;
  // Until joined and, just joined, until the others' media is answered: their connection is not held back by the meeting's first render.
  if (meeting === main && (mainState.status === 'connecting' || mainState.answeringFirst))
    return <ConnectingScreen onLeave={() => main.leave()} />;
  // In a breakout room, its meeting fills the page: its people, chat, notes, presentation.
  const visit = meeting === main ? undefined : mainState.breakout;
  const room = visit ? { ...mainRoom, roomId: visit.roomId, name: `${mainRoom.name} — ${visit.name}` } : mainRoom;
  const state = meeting.state.value;
  const { isModerator } = permissions(state);
  return (
    <main class="meeting" data-status={state.status}>
      <MeetingHeader
        room={room}
        count={state.remotes.length + 1}
        encryption={
          state.settings?.endToEndEncrypted && (
            <EncryptionPanel
              state={state}
              nameOf={(participantId) =>
                state.remotes.find((remote) => remote.summary.participantId === participantId)?.summary.displayName ?? ''
              }
            />
          )
        }
      />
      <BreakoutBar main={main} state={mainState} />
      <Banners meeting={meeting} state={state} ui={ui} isModerator={isModerator} />
      <div class="meeting-body" data-panel={ui.panel.value}>
        <Stage
          state={visit ? state : withoutThoseAway(state)}
          selfName={choice.displayName}
          localStream={choice.stream}
          layout={ui.layout.value}
          quality={ui.quality.value}
          page={ui.page.value}
          onPage={(page) => (ui.page.value = page)}
          activeSpeakerId={ui.activeSpeakerId.value}
          setVideoLayer={(participantId, layer) => meeting.setVideoLayer(participantId, layer)}
          setDefaultVideoLayer={(layer) => meeting.setDefaultVideoLayer(layer)}
          speakerId={ui.speakerId.value}
          presentation={
            state.self &&
            (state.whiteboard.blankShown ? (
              <WhiteboardStage
                channel={meeting.whiteboardChannel}
                roles={whiteboardRoles(state, isModerator)}
                send={(message) => meeting.whiteboard(message)}
              />
            ) : (
              state.presentation && (
                <PresentationStage
                  roomId={room.roomId}
                  presentation={state.presentation}
                  selfId={state.self.participantId}
                  send={(message) => meeting.presentation(message)}
                  whiteboard={{
                    channel: meeting.whiteboardChannel,
                    state: state.whiteboard,
                    isModerator,
                    send: (message) => meeting.whiteboard(message),
                  }}
                />
              )
            ))
          }
        />
        <SidePanel meeting={meeting} state={state} ui={ui} room={room} main={main} />
      </div>
      {/* In a breakout room, its toolbar offers the main meeting's breakout panel too. */}
      <Toolbar meeting={meeting} state={visit ? { ...state, breakouts: mainState.breakouts } : state} ui={ui} />
      {ui.dialog.value === 'shortcuts' && <ShortcutHelp onClose={() => (ui.dialog.value = undefined)} />}
      {ui.dialog.value === 'settings' && (
        <SettingsDialog ui={ui} localStream={choice.stream} onClose={() => (ui.dialog.value = undefined)} />
      )}
      <MeetingToast />
    </main>
  );
}
