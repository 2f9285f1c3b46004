/**
 * `create`'s lock settings and disabled features, read into what a Plenary room starts with.
 *
 * - `lockSettingsDisableCam`, `…DisableMic`, `…DisablePublicChat`, `…DisablePrivateChat` lock
 *   cameras, microphones, the public chat and private messages between viewers for viewers, from
 *   the first moment of the meeting (`lockSettingsLockOnJoin`, default true; false starts it
 *   unlocked). Moderators change the locks during the meeting.
 * - Screen sharing starts locked for viewers: in BigBlueButton only the presenter shares a screen,
 *   and nobody is presenter but a moderator unless made so.
 * - `disabledFeatures` (comma-separated, less those in `disabledFeaturesExclude`) switches off for
 *   everyone, moderators included, those Plenary has: `chat` (public and private), `privateChat`,
 *   `screenshare`, `raiseHand`, `userReactions`. The others (polls, sharedNotes, presentation,
 *   breakoutRooms, …) are kept with the meeting and take effect when Plenary has the feature.
 * - `lockSettingsDisableNotes`, `…HideUserList`, `…HideViewersCursor`, `…HideViewersAnnotation` and
 *   `…LockOnJoinConfigurable` name features Plenary does not have yet; they are accepted and ignored.
 */
import { bbbApiLimits } from '../../shared/limits.js';
import type { LockedSettings, MeetingFeature } from '../../shared/protocol.js';
import { success } from '../platform/outcome.js';
import { bbbFailure } from './messages.js';
import { booleanParam, type ParamResult } from './params.js';

/** What each BigBlueButton feature name switches off in Plenary. */
const plenaryFeatures: Readonly<Record<string, readonly MeetingFeature[]>> = {
  chat: ['chat', 'privateChat'],
  privateChat: ['privateChat'],
  screenshare: ['screenShare'],
  raiseHand: ['raiseHand'],
  userReactions: ['reactions'],
};

/** The locks a meeting made by `create` starts with, for viewers. */
export function readViewerLocks(params: ReadonlyMap<string, string>): LockedSettings {
  const lockOnJoin = booleanParam(params, 'lockSettingsLockOnJoin', true);
  const lock = (name: string) => lockOnJoin && booleanParam(params, name, false);
  return {
    microphone: lock('lockSettingsDisableMic'),
    camera: lock('lockSettingsDisableCam'),
    chat: lock('lockSettingsDisablePublicChat'),
    privateChat: lock('lockSettingsDisablePrivateChat'),
    screenShare: true,
  };
}

/** A comma-separated list of feature names: each a plain word, at most `bbbApiLimits.disabledFeaturesMax`. */
function featureList(params: ReadonlyMap<string, string>, name: string): ParamResult<string[]> {
  const names = (params.get(name) ?? '')
    .split(',')
    .map((each) => each.trim())
    .filter((each) => each !== '');
  if (names.length > bbbApiLimits.disabledFeaturesMax || names.some((each) => !/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(each))) {
    return bbbFailure('validationError', `${name} must be a comma-separated list of feature names.`);
  }
  return success([...new Set(names)]);
}

/** The features `create` switches off, by BigBlueButton's names: `disabledFeatures` less `disabledFeaturesExclude`. */
export function readDisabledFeatures(params: ReadonlyMap<string, string>): ParamResult<string[]> {
  const disabled = featureList(params, 'disabledFeatures');
  if (!disabled.ok) return disabled;
  const excluded = featureList(params, 'disabledFeaturesExclude');
  if (!excluded.ok) return excluded;
  return success(disabled.value.filter((name) => !excluded.value.includes(name)));
}

/** What BigBlueButton's disabled feature names switch off in a Plenary room (names Plenary has no feature for: nothing). */
export function meetingFeaturesOf(names: readonly string[]): MeetingFeature[] {
  return [...new Set(names.flatMap((name) => plenaryFeatures[name] ?? []))];
}
