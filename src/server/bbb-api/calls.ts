/**
 * Each call of the API, from its checked parameters to its answer: `create`, `join`, `end`,
 * `isMeetingRunning`, `getMeetingInfo`, `getMeetings`, and the recording calls, which answer as
 * BigBlueButton does when no recording exists (Plenary records nothing yet). Each call sees only
 * the meetings of whoever signed it (`Signer`): an organisation's, or the operator secret's.
 */
import { randomBytes } from 'node:crypto';
import { limits } from '../../shared/limits.js';
import { ChatTextSchema } from '../../shared/protocol.js';
import { type BbbApi, type Signer, sameSecret } from './bbb-api.js';
import { optionalUrl, readCreateRequest } from './create.js';
import { join } from './join.js';
import { createdMeetingXml, meetingInfoXml } from './meeting-xml.js';
import { type BbbFailure, bbbFailure, note } from './messages.js';
import { meetingIdParam, optionalText } from './params.js';
import { failedXml, successXml } from './xml.js';

/** What to send back: XML (with its returncode, for the metrics), or a redirect for a browser. */
export type CallAnswer =
  | { kind: 'xml'; returncode: 'SUCCESS' | 'FAILED'; xml: string }
  | { kind: 'redirect'; returncode: 'SUCCESS' | 'FAILED'; location: string };

/** What a call gets: the service, whose secret signed it (the meetings it sees), its parameters, and where this server is reached. */
export interface CallContext {
  api: BbbApi;
  signer: Signer;
  params: ReadonlyMap<string, string>;
  /** Absolute URL of this server's pages, without a trailing slash. */
  siteUrl: string;
}

/** Which HTTP methods each call answers (the API reference's headings). */
export const callMethods: Record<string, readonly ('GET' | 'POST')[]> = {
  create: ['GET', 'POST'],
  join: ['GET'],
  end: ['GET', 'POST'],
  isMeetingRunning: ['GET', 'POST'],
  getMeetingInfo: ['GET', 'POST'],
  getMeetings: ['GET', 'POST'],
  getRecordings: ['GET'],
  publishRecordings: ['GET'],
  deleteRecordings: ['GET'],
  updateRecordings: ['GET', 'POST'],
  'hooks/create': ['GET', 'POST'],
  'hooks/destroy': ['GET', 'POST'],
  'hooks/list': ['GET', 'POST'],
  sendChatMessage: ['GET'],
};

/** An XML SUCCESS answer. */
export function succeeded(xml: string): CallAnswer {
  return { kind: 'xml', returncode: 'SUCCESS', xml };
}

/** An XML FAILED answer. */
export function failed(failure: BbbFailure): CallAnswer {
  return { kind: 'xml', returncode: 'FAILED', xml: failedXml(failure) };
}

async function create({ api, signer, params }: CallContext): Promise<CallAnswer> {
  const request = readCreateRequest(params);
  if (!request.ok) return failed(request);
  const created = await api.create(request.value, signer);
  if (!created.ok) return failed(created);
  const { meeting, duplicate } = created.value;
  return succeeded(successXml(createdMeetingXml(meeting, api.hasUserJoined(meeting)), duplicate ? note('duplicateWarning') : undefined));
}

async function joinCall(context: CallContext): Promise<CallAnswer> {
  const { api, signer, params, siteUrl } = context;
  const redirect = params.get('redirect')?.trim().toLowerCase() !== 'false';
  const joined = await join(api, params, signer);
  if (!joined.ok)
    return redirect ? { kind: 'redirect', returncode: 'FAILED', location: await joinErrorUrl(context, joined) } : failed(joined);
  const { meeting, ticket, internalUserId, details } = joined.value;
  // The ticket travels in the fragment: browsers never send it to a server, nor in a Referer.
  const url = `${siteUrl}/bbb/join#ticket=${ticket}`;
  if (redirect) return { kind: 'redirect', returncode: 'SUCCESS', location: url };
  const waiting = details.guestStatus === 'wait';
  return succeeded(
    successXml(
      {
        meeting_id: meeting.internalId,
        user_id: internalUserId,
        auth_token: randomBytes(9).toString('base64url'),
        session_token: ticket,
        guestStatus: waiting ? 'WAIT' : 'ALLOW',
        url,
      },
      waiting ? note('guestWait') : note('successfullyJoined'),
    ),
  );
}

/**
 * Where a browser goes when its join is refused, as BigBlueButton sends it: the join's
 * `errorRedirectUrl` (also spelt `redirectErrorUrl` in the API reference), else the meeting's
 * logout URL, else this site; with `errors=[{"key":…,"message":…}]` added to its query.
 */
async function joinErrorUrl({ api, signer, params, siteUrl }: CallContext, failure: BbbFailure): Promise<string> {
  const given = [optionalUrl(params, 'errorRedirectUrl'), optionalUrl(params, 'redirectErrorUrl')].find(
    (result) => result.ok && result.value !== undefined,
  );
  const meetingId = meetingIdParam(params);
  const meeting = meetingId.ok ? await api.store.findLatest(meetingId.value, signer.organisationId) : undefined;
  const base = (given?.ok ? given.value : undefined) ?? meeting?.settings.logoutUrl ?? `${siteUrl}/`;
  const url = new URL(base);
  url.searchParams.append('errors', JSON.stringify([{ key: failure.code, message: failure.message }]));
  return url.toString();
}

async function end({ api, signer, params }: CallContext): Promise<CallAnswer> {
  const meetingId = meetingIdParam(params);
  if (!meetingId.ok) return failed(meetingId);
  const meeting = await api.store.findOpen(meetingId.value, signer.organisationId);
  if (!meeting) return failed(bbbFailure('notFound'));
  // The password is no longer needed (API reference); one given must still be the moderator's.
  const password = params.get('password');
  if (password !== undefined && password !== '' && !sameSecret(password, meeting.moderatorPassword)) {
    return failed(bbbFailure('invalidPassword'));
  }
  await api.end(meeting);
  return succeeded(successXml({}, note('sentEndMeetingRequest')));
}

async function isMeetingRunning({ api, signer, params }: CallContext): Promise<CallAnswer> {
  const meetingId = meetingIdParam(params);
  if (!meetingId.ok) return failed(meetingId);
  const meeting = await api.store.findOpen(meetingId.value, signer.organisationId);
  return succeeded(successXml({ running: meeting !== undefined && api.isRunning(meeting) }));
}

async function getMeetingInfo({ api, signer, params }: CallContext): Promise<CallAnswer> {
  const meetingId = meetingIdParam(params);
  if (!meetingId.ok) return failed(meetingId);
  const meeting = await api.store.findOpen(meetingId.value, signer.organisationId);
  if (!meeting) return failed(bbbFailure('notFound'));
  return succeeded(successXml(meetingInfoXml(meeting, api)));
}

async function getMeetings({ api, signer }: CallContext): Promise<CallAnswer> {
  const meetings = await api.store.listOpen({ organisationId: signer.organisationId });
  if (meetings.length === 0) return succeeded(successXml({ meetings: '' }, note('noMeetings')));
  return succeeded(successXml({ meetings: { meeting: meetings.map((meeting) => meetingInfoXml(meeting, api)) } }));
}

async function getRecordings(): Promise<CallAnswer> {
  return succeeded(successXml({ recordings: '' }, note('noRecordings')));
}

/** `publishRecordings`, `deleteRecordings`, `updateRecordings`: a recordID is needed, and none exists. */
function changeRecordings(needsPublish: boolean) {
  return async ({ params }: CallContext): Promise<CallAnswer> => {
    if (!params.get('recordID')?.trim()) return failed(bbbFailure('missingParamRecordID'));
    if (needsPublish && !params.get('publish')?.trim()) return failed(bbbFailure('missingParamPublish'));
    return failed(bbbFailure('notFound', 'No recordings have those recordIDs.'));
  };
}

/**
 * `sendChatMessage`: a message to the public chat of a meeting being held, from `userName`
 * (default `System`). It is chat text like any other (at most `limits.chatMessageCharactersMax`
 * characters, no control characters); a meeting nobody is in has no chat to read it
 * (`notFound`), and a room with the chat switched off refuses it (`validationError`).
 */
async function sendChatMessage({ api, signer, params }: CallContext): Promise<CallAnswer> {
  const meetingId = meetingIdParam(params);
  if (!meetingId.ok) return failed(meetingId);
  if (!params.get('message')?.trim()) return failed(bbbFailure('missingParamMessage'));
  const text = ChatTextSchema.safeParse(params.get('message'));
  if (!text.success) return failed(bbbFailure('validationError', `The message ${text.error.issues[0]?.message ?? 'is not valid'}.`));
  const userName = optionalText(params, 'userName', limits.displayNameCharactersMax);
  if (!userName.ok) return failed(userName);
  const meeting = await api.store.findOpen(meetingId.value, signer.organisationId);
  const live = meeting && api.registry.find(meeting.roomId);
  if (!live || live.closed) return failed(bbbFailure('notFound', 'No meeting with that meetingID is being held now.'));
  const posted = live.announce(userName.value ?? 'System', text.data);
  if (!posted.ok) return failed(bbbFailure('validationError', posted.message));
  return succeeded(successXml({ messageKey: '', message: '' }));
}

/** Every call this server answers, by name. */
// ---- the webhooks API (`hooks.ts`) -------------------------------------------------------------

async function createHook({ api, signer, params }: CallContext): Promise<CallAnswer> {
  const callbackUrl = params.get('callbackURL')?.trim();
  if (!callbackUrl) return failed(bbbFailure('missingParamCallbackURL'));
  if (callbackUrl.length > 2_048 || !api.hooks.acceptsCallback(callbackUrl)) return failed(bbbFailure('createHookError'));
  const meetingId = params.get('meetingID')?.trim() || null;
  const raw = params.get('getRaw')?.trim().toLowerCase() === 'true';
  const eventIds = hookEventIds(params.get('eventID'));
  if (eventIds === 'invalid') return failed(bbbFailure('createHookError'));
  const created = await api.hooks.create(signer.organisationId, { callbackUrl, meetingId, raw, eventIds });
  if (!created) return failed(bbbFailure('createHookError'));
  if (created.duplicate) {
    return succeeded(
      successXml({ hookID: created.hookId }, { key: 'duplicateWarning', message: 'There is already a hook for this callback URL.' }),
    );
  }
  return succeeded(successXml({ hookID: created.hookId, permanentHook: false, rawData: raw }));
}

/** `eventID`: a comma-separated list of event ids, compared in lower case; null when absent or empty, `invalid` when malformed or beyond 32. */
function hookEventIds(given: string | undefined): string[] | null | 'invalid' {
  const ids = [...new Set((given ?? '').split(',').map((id) => id.trim().toLowerCase()))].filter((id) => id !== '');
  if (ids.length === 0) return null;
  return ids.length <= 32 && ids.every((id) => /^[a-z][a-z0-9-]{0,63}$/.test(id)) ? ids : 'invalid';
}

async function destroyHook({ api, signer, params }: CallContext): Promise<CallAnswer> {
  const given = params.get('hookID')?.trim();
  if (!given) return failed(bbbFailure('missingParamHookID'));
  const hookId = /^[0-9]{1,9}$/.test(given) ? Number(given) : undefined;
  if (hookId === undefined || !(await api.hooks.destroy(signer.organisationId, hookId))) return failed(bbbFailure('destroyMissingHook'));
  return succeeded(successXml({ removed: true }));
}

async function listHooks({ api, signer, params }: CallContext): Promise<CallAnswer> {
  const meetingId = params.get('meetingID')?.trim() || undefined;
  const hooks = await api.hooks.list(signer.organisationId, meetingId);
  const hook = hooks.map((one) => ({
    hookID: one.hookId,
    callbackURL: one.callbackUrl,
    ...(one.meetingId === null ? {} : { meetingID: one.meetingId }),
    permanentHook: false,
    rawData: one.raw,
  }));
  return succeeded(successXml({ hooks: hook.length === 0 ? '' : { hook } }));
}

export const calls: Record<string, (context: CallContext) => Promise<CallAnswer>> = {
  create,
  join: joinCall,
  end,
  isMeetingRunning,
  getMeetingInfo,
  getMeetings,
  getRecordings,
  publishRecordings: changeRecordings(true),
  deleteRecordings: changeRecordings(false),
  updateRecordings: changeRecordings(false),
  sendChatMessage,
  'hooks/create': createHook,
  'hooks/destroy': destroyHook,
  'hooks/list': listHooks,
};
