/** The meeting page's own state (what the person chose to see), as signals shared by its parts. */
import { type Signal, useSignal } from '@preact/signals';
import type { ParticipantId } from '../../../shared/ids.js';
import type { LockedSettings, MeetingFeature, ParticipantSummary } from '../../../shared/protocol.js';
import type { MeetingState } from './meeting-controller.js';
import type { Layout, Quality } from './stage-layout.js';

/** The side panel shown, if any. */
export type Panel = 'people' | 'chat' | 'moderation' | 'assembly' | 'polls' | 'notes' | 'presentation' | 'breakouts' | undefined;

/** The dialog shown over the meeting, if any. */
export type MeetingDialog = 'shortcuts' | 'settings' | undefined;

export interface MeetingUi {
  /** Default none. */
  panel: Signal<Panel>;
  /** Default `grid`. */
  layout: Signal<Layout>;
  /** Default `normal`. */
  quality: Signal<Quality>;
  /** The grid page shown, from 0. */
  page: Signal<number>;
  /** The last one heard speaking (the speaker view shows them). */
  activeSpeakerId: Signal<ParticipantId | undefined>;
  /** Default none. */
  dialog: Signal<MeetingDialog>;
  /** Where the others' sound goes (`deviceId`); undefined for the system's default. */
  speakerId: Signal<string | undefined>;
  /** The last poll whose published results the polls panel showed: results not seen yet mark the Polls button. */
  pollSeen: Signal<string | undefined>;
}

/** The page's state, kept for the life of the component that calls it; the speaker as chosen before joining. */
export function useMeetingUi(speakerId: string | undefined): MeetingUi {
  return {
    panel: useSignal<Panel>(undefined),
    layout: useSignal<Layout>('grid'),
    quality: useSignal<Quality>('normal'),
    page: useSignal(0),
    activeSpeakerId: useSignal<ParticipantId | undefined>(undefined),
    dialog: useSignal<MeetingDialog>(undefined),
    speakerId: useSignal(speakerId),
    pollSeen: useSignal<string | undefined>(undefined),
  };
}

/** What the person may use: nothing the room switched off; beyond that, moderators everything, others what the moderators did not lock. */
export function permissions(state: MeetingState) {
  const isModerator = state.self?.role === 'moderator';
  const locked = state.settings?.lockedForViewers;
  const featureOn = (feature: MeetingFeature) => !state.settings?.disabledFeatures.includes(feature);
  const canUse = (what: keyof LockedSettings) =>
    (what === 'microphone' || what === 'camera' || featureOn(what)) && (isModerator || !locked?.[what]);
  return {
    isModerator,
    featureOn,
    canUse,
    /** Whether a private message to `person` may be sent: a viewer locked out of private messages may still write to a moderator. */
    canWritePrivatelyTo: (person: ParticipantSummary) => featureOn('privateChat') && (person.role === 'moderator' || canUse('privateChat')),
    /** Polls: for moderators, and for others once one was asked; never in an encrypted meeting (the server would read the answers). */
    pollsShown: !state.settings?.endToEndEncrypted && (isModerator || state.poll !== undefined),
    /** Shared notes: for everyone, never in an encrypted meeting (the server would read them). */
    notesShown: state.settings !== undefined && !state.settings.endToEndEncrypted,
    /** The presentation: for moderators (to upload), and for others while one is shown; never in an encrypted meeting (the server would see the document). */
    presentationShown: !state.settings?.endToEndEncrypted && (isModerator || state.presentation !== undefined),
    /** Breakout rooms: for moderators, and for others while they are open (in a breakout room's own meeting, for its moderators). */
    breakoutsShown: isModerator || state.breakouts !== undefined,
  };
}

/** The statuses after which the meeting page shows an end screen. */
export const finishedStatuses: readonly MeetingState['status'][] = ['left', 'denied', 'removed', 'ended', 'failed'];
