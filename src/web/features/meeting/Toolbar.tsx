/**
 * The meeting's controls: microphone, camera, screen, hand, reactions, panels, "More", leave —
 * each an icon with its label, shortcut and accessible name. Below 70rem (meeting.css) it keeps
 * five (microphone, camera, hand, chat, leave) and "More", which then also holds what the bar
 * leaves out (items marked `secondary` in the bar, `phone-only` in the menu); on a phone it is
 * the bottom bar.
 */
import {
  ChartNoAxesColumn,
  Ellipsis,
  Hand,
  Keyboard,
  Landmark,
  LayoutGrid,
  type LucideIcon,
  MessageSquare,
  Mic,
  MicOff,
  MonitorOff,
  MonitorUp,
  NotebookPen,
  PhoneOff,
  Presentation,
  Settings,
  ShieldCheck,
  SmilePlus,
  Split,
  Users,
  Video,
  VideoOff,
} from 'lucide-preact';
import { type Reaction, ReactionSchema } from '../../../shared/protocol.js';
import {
  canToggleCamera,
  canToggleMicrophone,
  handRaised,
  toggleCamera,
  toggleMicrophone,
  togglePanel,
  toggleScreenShare,
} from './meeting-actions.js';
import type { MeetingController, MeetingState } from './meeting-controller.js';
import { type MeetingUi, type Panel, permissions } from './meeting-ui.js';
import { t } from './messages.js';
import { Popover } from './Popover.js';
import { shortcutKeys } from './shortcuts.js';
import { ToolbarButton } from './ToolbarButton.js';

interface ToolbarProps {
  meeting: MeetingController;
  state: MeetingState;
  ui: MeetingUi;
}

function ReactionRow({ meeting }: { meeting: MeetingController }) {
  return (
    <div class="reaction-row">
      {ReactionSchema.options.map((reaction: Reaction) => (
        <button type="button" key={reaction} aria-label={t('meeting.react', { reaction })} onClick={() => meeting.react(reaction)}>
          {reaction}
        </button>
      ))}
    </div>
  );
}

/** A panel's button in the "More" menu: its icon and words, pressed while it is open. */
function PanelItem({
  ui,
  panel,
  icon: Icon,
  children,
}: {
  ui: MeetingUi;
  panel: Exclude<Panel, undefined>;
  icon: LucideIcon;
  children: string;
}) {
  return (
    <button type="button" aria-pressed={ui.panel.value === panel} onClick={() => togglePanel(ui, panel)}>
      <Icon aria-hidden="true" size={18} />
      {children}
    </button>
  );
}

/** The view options, and on a phone what the bottom bar has no room for. */
function MoreMenu({ meeting, state, ui }: ToolbarProps) {
  const quality = ui.quality.value;
  const { isModerator, canUse, featureOn, pollsShown, notesShown, presentationShown, breakoutsShown } = permissions(state);
  return (
    <Popover label={t('meeting.more')} icon={Ellipsis} class="more">
      <div class="action-column">
        <div class="phone-only action-column">
          {(canUse('screenShare') || state.screen) && (
            <button type="button" onClick={() => void toggleScreenShare(meeting, state)}>
              {state.screen ? <MonitorOff aria-hidden="true" size={18} /> : <MonitorUp aria-hidden="true" size={18} />}
              {state.screen ? t('meeting.stopSharing') : t('meeting.shareScreen')}
            </button>
          )}
          <PanelItem ui={ui} panel="people" icon={Users}>
            {t('panel.people')}
          </PanelItem>
          {pollsShown && (
            <PanelItem ui={ui} panel="polls" icon={ChartNoAxesColumn}>
              {t('panel.polls')}
            </PanelItem>
          )}
          {notesShown && (
            <PanelItem ui={ui} panel="notes" icon={NotebookPen}>
              {t('panel.notes')}
            </PanelItem>
          )}
          {presentationShown && (
            <PanelItem ui={ui} panel="presentation" icon={Presentation}>
              {t('panel.presentation')}
            </PanelItem>
          )}
          {isModerator && (
            <PanelItem ui={ui} panel="moderation" icon={ShieldCheck}>
              {state.lobby.length > 0 ? t('meeting.moderationWaiting', { count: state.lobby.length }) : t('panel.moderation')}
            </PanelItem>
          )}
          {featureOn('reactions') && <ReactionRow meeting={meeting} />}
        </div>
        {breakoutsShown && (
          <PanelItem ui={ui} panel="breakouts" icon={Split}>
            {t('panel.breakouts')}
          </PanelItem>
        )}
        <button type="button" onClick={() => (ui.layout.value = ui.layout.value === 'grid' ? 'speaker' : 'grid')}>
          <LayoutGrid aria-hidden="true" size={18} />
          {ui.layout.value === 'grid' ? t('meeting.layoutSpeaker') : t('meeting.layoutGrid')}
        </button>
        <label class="check">
          <input
            type="checkbox"
            checked={quality === 'data-saver'}
            onChange={(event) => (ui.quality.value = event.currentTarget.checked ? 'data-saver' : 'normal')}
          />
          {t('meeting.dataSaver')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={quality === 'audio-only'}
            onChange={(event) => {
              const audioOnly = event.currentTarget.checked;
              ui.quality.value = audioOnly ? 'audio-only' : 'normal';
              if (audioOnly) meeting.setMedia({ ...state.media, videoMuted: true });
            }}
          />
          {t('meeting.audioOnly')}
        </label>
        <button type="button" onClick={() => (ui.dialog.value = 'settings')}>
          <Settings aria-hidden="true" size={18} />
          {t('meeting.settings')}
        </button>
        <button type="button" aria-keyshortcuts={shortcutKeys.help} onClick={() => (ui.dialog.value = 'shortcuts')}>
          <Keyboard aria-hidden="true" size={18} />
          {t('meeting.shortcuts')}
        </button>
      </div>
    </Popover>
  );
}

/** The ballots this person has not cast yet on the assembly's open motion. */
function assemblyVotesToCast(state: ToolbarProps['state']): number {
  const open = state.assembly?.motions.find((motion) => motion.status === 'open');
  return open ? (state.assembly?.ballots.filter((ballot) => open.mine[ballot.memberId] === undefined).length ?? 0) : 0;
}

/** What the Polls button marks while its panel is closed: a poll to answer, or published results not seen yet. */
function pollCue(state: ToolbarProps['state'], ui: MeetingUi): 'meeting.pollToAnswer' | 'meeting.pollResults' | undefined {
  const poll = state.poll;
  if (!poll || ui.panel.value === 'polls') return undefined;
  if (poll.status === 'open' && !poll.answered) return 'meeting.pollToAnswer';
  if (poll.status === 'published' && ui.pollSeen.value !== poll.pollId) return 'meeting.pollResults';
}

export function Toolbar({ meeting, state, ui }: ToolbarProps) {
  const media = state.media;
  const { isModerator, canUse, featureOn, pollsShown, notesShown, presentationShown } = permissions(state);
  const cue = pollCue(state, ui);
  const raised = handRaised(state);
  const panel = ui.panel.value;
  const unseenChat = panel === 'chat' ? 0 : state.chat.length;
  const votesToCast = assemblyVotesToCast(state);
  return (
    <nav class="controls toolbar" aria-label={t('meeting.controls')}>
      <ToolbarButton
        icon={media.audioMuted ? MicOff : Mic}
        label={media.audioMuted ? t('meeting.unmute') : t('meeting.mute')}
        tone={media.audioMuted ? 'off' : undefined}
        shortcut={shortcutKeys.microphone}
        disabled={!canToggleMicrophone(state)}
        onClick={() => toggleMicrophone(meeting, state)}
      />
      <ToolbarButton
        icon={media.videoMuted ? VideoOff : Video}
        label={media.videoMuted ? t('meeting.cameraOn') : t('meeting.cameraOff')}
        tone={media.videoMuted ? 'off' : undefined}
        shortcut={shortcutKeys.camera}
        disabled={!canToggleCamera(state, ui)}
        onClick={() => toggleCamera(meeting, state, ui)}
      />
      {(canUse('screenShare') || state.screen) && (
        <ToolbarButton
          icon={state.screen ? MonitorOff : MonitorUp}
          label={state.screen ? t('meeting.stopSharing') : t('meeting.shareScreen')}
          class="secondary"
          onClick={() => void toggleScreenShare(meeting, state)}
        />
      )}
      {(featureOn('raiseHand') || raised) && (
        <ToolbarButton
          icon={Hand}
          label={raised ? t('meeting.lowerHand') : t('meeting.raiseHand')}
          tone={raised ? 'active' : undefined}
          shortcut={shortcutKeys.hand}
          onClick={() => meeting.setHand(!raised)}
        />
      )}
      {featureOn('reactions') && (
        <Popover label={t('meeting.reactions')} icon={SmilePlus} class="reactions secondary" closeOnChoose>
          <ReactionRow meeting={meeting} />
        </Popover>
      )}
      <span class="toolbar-gap" />
      <ToolbarButton
        icon={Users}
        label={t('panel.people')}
        class="secondary"
        pressed={panel === 'people'}
        shortcut={shortcutKeys.people}
        onClick={() => togglePanel(ui, 'people')}
      />
      {(featureOn('chat') || featureOn('privateChat')) && (
        <ToolbarButton
          icon={MessageSquare}
          label={t('panel.chat')}
          name={unseenChat > 0 ? t('meeting.chatCount', { count: unseenChat }) : undefined}
          badge={unseenChat}
          pressed={panel === 'chat'}
          shortcut={shortcutKeys.chat}
          onClick={() => togglePanel(ui, 'chat')}
        />
      )}
      {pollsShown && (
        // Secondary (in "More" on narrow screens) unless it marks something to see.
        <ToolbarButton
          icon={ChartNoAxesColumn}
          label={t('panel.polls')}
          name={cue && t(cue)}
          badge={cue ? 1 : 0}
          class={cue ? undefined : 'secondary'}
          pressed={panel === 'polls'}
          onClick={() => togglePanel(ui, 'polls')}
        />
      )}
      {notesShown && (
        <ToolbarButton
          icon={NotebookPen}
          label={t('panel.notes')}
          class="secondary"
          pressed={panel === 'notes'}
          onClick={() => togglePanel(ui, 'notes')}
        />
      )}
      {presentationShown && (
        <ToolbarButton
          icon={Presentation}
          label={t('panel.presentation')}
          class="secondary"
          pressed={panel === 'presentation'}
          onClick={() => togglePanel(ui, 'presentation')}
        />
      )}
      {/* In the bar while rooms are open (in "More" always: the bar has no room for one more button). */}
      {state.breakouts && (
        <ToolbarButton
          icon={Split}
          label={t('panel.breakouts')}
          class="secondary"
          pressed={panel === 'breakouts'}
          onClick={() => togglePanel(ui, 'breakouts')}
        />
      )}
      {state.assembly && (
        <ToolbarButton
          icon={Landmark}
          label={t('panel.assembly')}
          name={votesToCast > 0 ? t('meeting.assemblyVotes', { count: votesToCast }) : undefined}
          badge={votesToCast}
          pressed={panel === 'assembly'}
          onClick={() => togglePanel(ui, 'assembly')}
        />
      )}
      {isModerator && (
        <ToolbarButton
          icon={ShieldCheck}
          label={t('panel.moderation')}
          name={state.lobby.length > 0 ? t('meeting.moderationWaiting', { count: state.lobby.length }) : undefined}
          badge={state.lobby.length}
          class="secondary"
          pressed={panel === 'moderation'}
          onClick={() => togglePanel(ui, 'moderation')}
        />
      )}
      <MoreMenu meeting={meeting} state={state} ui={ui} />
      <span class="toolbar-gap" />
      <ToolbarButton icon={PhoneOff} label={t('meeting.leave')} tone="danger" onClick={() => meeting.leave()} />
    </nav>
  );
}
