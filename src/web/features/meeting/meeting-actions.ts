/**
 * What the toolbar's buttons and the keyboard shortcuts do, in one place, so a key never does
 * more than its button may (a locked microphone stays locked, audio-only keeps the camera off).
 */
import type { MeetingController, MeetingState } from './meeting-controller.js';
import { type MeetingUi, type Panel, permissions } from './meeting-ui.js';
import { t } from './messages.js';
import type { ShortcutAction } from './shortcuts.js';

/** Whether the microphone button may be used now: always to mute, to unmute only if not locked. */
export function canToggleMicrophone(state: MeetingState): boolean {
  return !state.media.audioMuted || permissions(state).canUse('microphone');
}

/** Whether the camera button may be used now: always to turn off, to turn on only if not locked nor audio-only. */
export function canToggleCamera(state: MeetingState, ui: MeetingUi): boolean {
  if (ui.quality.value === 'audio-only') return false;
  return !state.media.videoMuted || permissions(state).canUse('camera');
}

export function toggleMicrophone(meeting: MeetingController, state: MeetingState): void {
  if (canToggleMicrophone(state)) meeting.setMedia({ ...state.media, audioMuted: !state.media.audioMuted });
}

export function toggleCamera(meeting: MeetingController, state: MeetingState, ui: MeetingUi): void {
  if (canToggleCamera(state, ui)) meeting.setMedia({ ...state.media, videoMuted: !state.media.videoMuted });
}

export function handRaised(state: MeetingState): boolean {
  return (state.self?.handRaisedAtMs ?? null) !== null;
}

export function togglePanel(ui: MeetingUi, panel: Exclude<Panel, undefined>): void {
  ui.panel.value = ui.panel.value === panel ? undefined : panel;
}

export async function toggleScreenShare(meeting: MeetingController, state: MeetingState): Promise<void> {
  if (state.screen) return meeting.stopScreenShare();
  try {
    meeting.startScreenShare(await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false }));
  } catch (error) {
    meeting.dismissNotice();
    meeting.showNotice(t('meeting.shareFailed', { reason: error instanceof Error ? error.message : String(error) }));
  }
}

/** Does what a shortcut asks. */
export function runShortcut(action: ShortcutAction, meeting: MeetingController, ui: MeetingUi): void {
  const state = meeting.state.value;
  if (action === 'microphone') toggleMicrophone(meeting, state);
  else if (action === 'camera') toggleCamera(meeting, state, ui);
  else if (action === 'hand') meeting.setHand(!handRaised(state));
  else if (action === 'chat' || action === 'people') togglePanel(ui, action);
  else ui.dialog.value = ui.dialog.value === 'shortcuts' ? undefined : 'shortcuts';
}
