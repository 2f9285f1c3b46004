/**
 * The `create` call's parameters, read into a meeting to make. Passwords left out are generated
 * (8 letters and digits), as BigBlueButton does; `meta_*` names are lower-cased, as it does.
 */
import { customAlphabet } from 'nanoid';
import { bbbApiLimits } from '../../shared/limits.js';
import { success } from '../platform/outcome.js';
import { readDisabledFeatures, readViewerLocks } from './create-locks.js';
import { type BbbMeetingSettings, type GuestPolicy, guestPolicies } from './meetings-store.js';
import { bbbFailure } from './messages.js';
import {
  booleanParam,
  cleanText,
  meetingIdParam,
  metadataParams,
  numberParam,
  optionalText,
  type ParamResult,
  prefixedParams,
  strictBooleanParam,
} from './params.js';

/** What a `create` call asks for. */
export interface CreateRequest {
  meetingId: string;
  name: string;
  /** As given; undefined when left out (then generated, and a repeated create is compared without them). */
  attendeePassword: string | undefined;
  moderatorPassword: string | undefined;
  settings: BbbMeetingSettings;
  metadata: Record<string, string>;
}

/** Generates a password the way BigBlueButton does when none is given: 8 letters and digits. */
export const generatePassword = customAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 8);

const voiceBridgeDigits = customAlphabet('0123456789', 4);

/** Reads `create`'s parameters; the first problem found is the answer. */
export function readCreateRequest(params: ReadonlyMap<string, string>): ParamResult<CreateRequest> {
  const meetingId = meetingIdParam(params);
  if (!meetingId.ok) return meetingId;
  const name = meetingName(params);
  if (!name.ok) return name;
  const attendeePassword = passwordParam(params, 'attendeePW');
  if (!attendeePassword.ok) return attendeePassword;
  const moderatorPassword = passwordParam(params, 'moderatorPW');
  if (!moderatorPassword.ok) return moderatorPassword;
  const settings = readSettings(params);
  if (!settings.ok) return settings;
  const metadata = prefixedParams(params, metadataParams);
  if (!metadata.ok) return metadata;
  return success({
    meetingId: meetingId.value,
    name: name.value,
    attendeePassword: attendeePassword.value,
    moderatorPassword: moderatorPassword.value,
    settings: settings.value,
    metadata: metadata.value,
  });
}

function meetingName(params: ReadonlyMap<string, string>): ParamResult<string> {
  const name = cleanText(params.get('name') ?? '');
  const length = [...name].length;
  if (length < bbbApiLimits.meetingNameCharactersMin || length > bbbApiLimits.meetingNameCharactersMax) {
    return bbbFailure(
      'validationError',
      `The name must be ${bbbApiLimits.meetingNameCharactersMin} to ${bbbApiLimits.meetingNameCharactersMax} characters long.`,
    );
  }
  return success(name);
}

function passwordParam(params: ReadonlyMap<string, string>, name: 'attendeePW' | 'moderatorPW'): ParamResult<string | undefined> {
  const raw = params.get(name);
  if (raw === undefined || raw === '') return success(undefined);
  const length = [...raw].length;
  if (cleanText(raw) !== raw || length < bbbApiLimits.passwordCharactersMin || length > bbbApiLimits.passwordCharactersMax) {
    return bbbFailure(
      'invalidPassword',
      `${name} must be ${bbbApiLimits.passwordCharactersMin} to ${bbbApiLimits.passwordCharactersMax} characters, none a control character.`,
    );
  }
  return success(raw);
}

function readSettings(params: ReadonlyMap<string, string>): ParamResult<BbbMeetingSettings> {
  const texts = {
    welcome: optionalText(params, 'welcome'),
    moderatorOnlyMessage: optionalText(params, 'moderatorOnlyMessage'),
    logoutUrl: optionalUrl(params, 'logoutURL'),
    meetingEndedUrl: optionalUrl(params, 'meetingEndedURL'),
  };
  for (const result of Object.values(texts)) if (!result.ok) return result;
  const maxParticipants = numberParam(params, 'maxParticipants', bbbApiLimits.participantsMax, 0);
  if (!maxParticipants.ok) return maxParticipants;
  const durationMinutes = numberParam(params, 'duration', bbbApiLimits.durationMinutesMax, 0);
  if (!durationMinutes.ok) return durationMinutes;
  const record = strictBooleanParam(params, 'record', false);
  if (!record.ok) return record;
  const guestPolicy = guestPolicyParam(params);
  if (!guestPolicy.ok) return guestPolicy;
  const disabledFeatures = readDisabledFeatures(params);
  if (!disabledFeatures.ok) return disabledFeatures;
  const voiceBridge = params.get('voiceBridge')?.trim() || `7${voiceBridgeDigits()}`;
  if (!/^[0-9]{1,9}$/.test(voiceBridge)) return bbbFailure('validationError', 'voiceBridge must be a number.');
  const text = (result: ParamResult<string | undefined>) => (result.ok ? (result.value ?? null) : null);
  return success({
    welcome: text(texts.welcome),
    moderatorOnlyMessage: text(texts.moderatorOnlyMessage),
    maxParticipants: maxParticipants.value,
    durationMinutes: durationMinutes.value,
    record: record.value,
    guestPolicy: guestPolicy.value,
    muteOnStart: booleanParam(params, 'muteOnStart', false),
    logoutUrl: text(texts.logoutUrl),
    endWhenNoModerator: booleanParam(params, 'endWhenNoModerator', false),
    meetingEndedUrl: text(texts.meetingEndedUrl),
    voiceBridge,
    viewerLocks: readViewerLocks(params),
    disabledFeatures: disabledFeatures.value,
  });
}

function guestPolicyParam(params: ReadonlyMap<string, string>): ParamResult<GuestPolicy> {
  const raw = params.get('guestPolicy')?.trim().toUpperCase();
  if (raw === undefined || raw === '') return success('ALWAYS_ACCEPT');
  const policy = guestPolicies.find((known) => known === raw);
  return policy ? success(policy) : bbbFailure('validationError', `guestPolicy must be one of ${guestPolicies.join(', ')}.`);
}

/** An optional http(s) URL parameter. */
export function optionalUrl(params: ReadonlyMap<string, string>, name: string): ParamResult<string | undefined> {
  const text = optionalText(params, name);
  if (!text.ok || text.value === undefined) return text;
  try {
    const url = new URL(text.value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return success(text.value);
  } catch {
    // refused below
  }
  return bbbFailure('validationError', `${name} must be an http:// or https:// URL.`);
}
