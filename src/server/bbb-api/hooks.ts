/**
 * BigBlueButton's webhooks API (`hooks/create`, `hooks/destroy`, `hooks/list`) and the callbacks
 * it promises: each event of a meeting — `meeting-created`, `user-joined`, `user-left`,
 * `meeting-ended`, a participant's microphone (`user-audio-voice-enabled|disabled`,
 * `user-audio-muted|unmuted`), camera (`user-cam-broadcast-start|end`), hand
 * (`user-raise-hand-changed`) and screen (`meeting-screenshare-started|stopped`), and the public
 * chat (`chat-group-message-sent`) — POSTed as a form (`event=<JSON>&timestamp=<ms>`) to every
 * hook of the meeting's owner that listens to all its meetings or to that meetingID, signed in the
 * URL with `checksum = sha1(callbackURL + body + secret)` (the owner's secret). A meeting's events
 * reach each hook in the order they happened, one at a time; a callback that is not answered 2xx
 * (a redirect included) is tried again `hookAttemptsMax` times in all, with the same timestamp.
 * Hooks are scoped like meetings: an organisation's secret sees and calls only its own.
 *
 * A callback is a request this server makes to an address an integration chose, so it is refused
 * (`createHookError`) unless it is http(s) to a public address: no loopback, private, link-local
 * or special host given literally, nor `localhost` (tests allow them with `allowPrivateCallbacks`).
 * A name that resolves to a private address is not checked (the trade-off is written in CONTEXT.md).
 *
 * The end callbacks a meeting asks for at `create` go out here too: when it ends, a GET of its
 * `meetingEndedURL`, and of its `meta_endCallbackUrl` with `recordingmarks=false` added (Plenary
 * records no marks), each tried like a hook's callback and only to a public host.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.js';
import { KeyedSerializer } from '../platform/keyed-serializer.js';
import type { Storage } from '../storage/index.js';
import type { BbbMeeting } from './meetings-store.js';
import type { BbbApiTables } from './migrations.js';

/** How many times one callback is tried in all, and the wait before each retry. */
export const hookAttemptsMax = 3;
const retryDelaysMs = [1_000, 5_000];
/** How long one callback may take. */
const callbackTimeoutMs = 5_000;
/** The most hooks one owner may register. */
export const hooksPerOwnerMax = 100;

/** A registered hook, as `hooks/list` shows it. */
export interface Hook {
  hookId: number;
  callbackUrl: string;
  meetingId: string | null;
  raw: boolean;
  /** The events it is sent (`eventID`, lower-case); null: every event. */
  eventIds: string[] | null;
}

/** Which meeting an event is about. */
export interface HookMeeting {
  /** The organisation whose secret made the meeting, or null for the operator's. */
  organisationId: string | null;
  meetingId: string;
  internalId: string;
  name: string;
  createTimeMs: number;
}

/** What hooks are told of a meeting. */
export function hookMeeting(meeting: BbbMeeting): HookMeeting {
  return {
    organisationId: meeting.organisationId,
    meetingId: meeting.meetingId,
    internalId: meeting.internalId,
    name: meeting.name,
    createTimeMs: meeting.createTimeMs,
  };
}

/** A participant an event is about. */
export interface HookUser {
  participantId: string;
  /** The integration's `userID` (or the one generated for its join); the participant id for anyone who came otherwise. */
  externalUserId: string;
  name: string;
  role: 'MODERATOR' | 'VIEWER';
}

/** A message posted to a meeting's public chat. */
export interface HookChatMessage {
  messageId: string;
  text: string;
  /** Who wrote it: a participant, or null for a message from outside the meeting (`sendChatMessage`). */
  sender: HookUser | null;
  /** The name it was posted under (a participant's, or the `userName` of `sendChatMessage`). */
  senderName: string;
  sentAtMs: number;
}

/**
 * An event of a meeting, with what bbb-webhooks' processed ("mapped") events say of it
 * (`src/process/event.js`, `example/events/mapped-events.json`).
 */
export type HookEvent =
  | { id: 'meeting-created' | 'meeting-ended'; meeting: HookMeeting }
  | { id: 'user-joined' | 'user-left'; meeting: HookMeeting; user: HookUser }
  /** The participant's microphone reached the meeting, `muted` or not. */
  | { id: 'user-audio-voice-enabled'; meeting: HookMeeting; user: HookUser; muted: boolean }
  /** Their microphone left the meeting; muted or unmuted while it is in; their screen share started or stopped. */
  | {
      id:
        | 'user-audio-voice-disabled'
        | 'user-audio-muted'
        | 'user-audio-unmuted'
        | 'meeting-screenshare-started'
        | 'meeting-screenshare-stopped';
      meeting: HookMeeting;
      user: HookUser;
    }
  /** Their camera is seen, or no longer: `stream` names it (the same id at its start and end). */
  | { id: 'user-cam-broadcast-start' | 'user-cam-broadcast-end'; meeting: HookMeeting; user: HookUser; stream: string }
  | { id: 'user-raise-hand-changed'; meeting: HookMeeting; user: HookUser; raised: boolean }
  | { id: 'chat-group-message-sent'; meeting: HookMeeting; message: HookChatMessage };

/** What the hooks need: storage, time, each owner's secret now, and how to POST. */
export interface BbbHooksOptions {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /** The secret callbacks of `organisationId`'s hooks (null: the operator's) are signed with, if it has one. */
  secretOf: (organisationId: string | null) => Promise<string | undefined>;
  /** Callback URLs to loopback and private addresses are allowed (tests). Default false. */
  allowPrivateCallbacks?: boolean | undefined;
  /** Sends a callback (default: `fetch`, no redirects followed). */
  post?: ((url: string, body: string) => Promise<number>) | undefined;
  /** Sends an end callback, a GET (default: `fetch`, no redirects followed). */
  get?: ((url: string) => Promise<number>) | undefined;
  /** Waits before a retry (default: the clock's timer). */
  wait?: ((ms: number) => Promise<void>) | undefined;
}

const ownerKey = (organisationId: string | null) => organisationId ?? '';

export class BbbHooks {
  /** Each hook's callbacks, one at a time in order (keyed by hook id). */
  readonly #deliveries = new KeyedSerializer();
  /** Each meeting's events, queued for their hooks in the order they were emitted (keyed by internal id). */
  readonly #ordering = new KeyedSerializer();
  /** Callbacks under way (tests wait for them; shutdown could). */
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly options: BbbHooksOptions) {}

  private get db() {
    return this.options.storage.db.withTables<BbbApiTables>();
  }

  /** Whether `url` may be a callback: http(s) to a public host (unless private callbacks are allowed). */
  acceptsCallback(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
    if (parsed.username || parsed.password) return false;
    return this.options.allowPrivateCallbacks === true || isPublicHost(parsed.hostname);
  }

  /** Registers a hook, or finds the owner's hook with this callback URL (`duplicate`); undefined when the owner has too many. */
  async create(
    organisationId: string | null,
    hook: { callbackUrl: string; meetingId: string | null; raw: boolean; eventIds?: string[] | null | undefined },
  ): Promise<{ hookId: number; duplicate: boolean } | undefined> {
    const owner = ownerKey(organisationId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.db
        .selectFrom('bbb_api_hooks')
        .select('hook_id')
        .where('owner', '=', owner)
        .where('callback_url', '=', hook.callbackUrl)
        .executeTakeFirst();
      if (existing) return { hookId: existing.hook_id, duplicate: true };
      const counted = await this.db
        .selectFrom('bbb_api_hooks')
        .select((select) => select.fn.countAll().as('count'))
        .where('owner', '=', owner)
        .executeTakeFirst();
      if (Number(counted?.count ?? 0) >= hooksPerOwnerMax) return undefined;
      const last = await this.db
        .selectFrom('bbb_api_hooks')
        .select((select) => select.fn.max('hook_id').as('last'))
        .executeTakeFirst();
      const hookId = Number(last?.last ?? 0) + 1;
      try {
        await this.db
          .insertInto('bbb_api_hooks')
          .values({
            hook_id: hookId,
            owner,
            callback_url: hook.callbackUrl,
            meeting_id: hook.meetingId,
            raw: hook.raw ? 1 : 0,
            created_at_ms: this.options.clock.nowMs(),
            event_ids: hook.eventIds?.join(',') ?? null,
          })
          .execute();
        return { hookId, duplicate: false };
      } catch {
        // Another registration took this number or this URL at the same moment: look again.
      }
    }
    throw new Error('a hook could not be registered after five attempts');
  }

  /** Removes the owner's hook; false when it has none with this id. */
  async destroy(organisationId: string | null, hookId: number): Promise<boolean> {
    const removed = await this.db
      .deleteFrom('bbb_api_hooks')
      .where('owner', '=', ownerKey(organisationId))
      .where('hook_id', '=', hookId)
      .executeTakeFirst();
    return Number(removed.numDeletedRows) === 1;
  }

  /** The owner's hooks: all, or those that hear `meetingId` (its own and the global ones). */
  async list(organisationId: string | null, meetingId?: string): Promise<Hook[]> {
    let query = this.db.selectFrom('bbb_api_hooks').selectAll().where('owner', '=', ownerKey(organisationId));
    if (meetingId !== undefined)
      query = query.where((where) => where.or([where('meeting_id', 'is', null), where('meeting_id', '=', meetingId)]));
    const rows = await query.orderBy('hook_id').execute();
    return rows.map((row) => ({
      hookId: row.hook_id,
      callbackUrl: row.callback_url,
      meetingId: row.meeting_id,
      raw: row.raw === 1,
      eventIds: row.event_ids === null ? null : row.event_ids.split(','),
    }));
  }

  /** Sends `event` to every hook that hears its meeting and its id (in the background, after the meeting's earlier events; failures are logged). */
  emit(event: HookEvent): void {
    const timestampMs = this.options.clock.nowMs();
    // Finding the hooks and the secret is ordered per meeting; each hook's callbacks are then queued on it in that order.
    const queued = this.#ordering.run(event.meeting.internalId, () => this.#queue(event, timestampMs));
    this.#track(queued.then(async (callbacks) => void (await Promise.all(callbacks))));
  }

  /** Resolves once every callback started so far has been delivered or given up. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Queues the event's callback on each hook that hears it; the callbacks (not awaited here, so a slow hook holds up only its own). */
  async #queue(event: HookEvent, timestampMs: number): Promise<Promise<void>[]> {
    const hooks = (await this.list(event.meeting.organisationId, event.meeting.meetingId)).filter(
      (hook) => hook.eventIds === null || hook.eventIds.includes(event.id),
    );
    if (hooks.length === 0) return [];
    const secret = await this.options.secretOf(event.meeting.organisationId);
    if (!secret) return [];
    const body = new URLSearchParams({ event: JSON.stringify(eventData(event, timestampMs)), timestamp: String(timestampMs) }).toString();
    return hooks.map((hook) => this.#deliveries.run(String(hook.hookId), () => this.#callback(hook, body, secret)));
  }

  async #callback(hook: Hook, body: string, secret: string): Promise<void> {
    const checksum = createHash('sha1').update(`${hook.callbackUrl}${body}${secret}`).digest('hex');
    const url = `${hook.callbackUrl}${hook.callbackUrl.includes('?') ? '&' : '?'}checksum=${checksum}`;
    const post = this.options.post ?? postForm;
    if (!(await this.#tried(() => post(url, body)))) this.options.logger.warn({ hookId: hook.hookId }, 'a hook callback was given up');
  }

  /**
   * Calls the URLs a meeting asked to be told of its end at (`endCallbackUrls`), in the
   * background: each one public (unless private callbacks are allowed) GET, tried like a hook's.
   */
  callEndUrls(urls: readonly string[]): void {
    const get = this.options.get ?? getUrl;
    for (const url of urls) {
      if (!this.acceptsCallback(url)) {
        this.options.logger.warn('an end callback to a URL that is not public http(s) was not made');
        continue;
      }
      this.#track(
        this.#tried(() => get(url)).then((answered) => {
          if (!answered) this.options.logger.warn('an end callback was given up');
        }),
      );
    }
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.options.logger.error({ err: error }, 'a callback failed'));
    this.#pending.add(tracked);
    void tracked.finally(() => this.#pending.delete(tracked));
  }

  /** Sends until answered 2xx, `hookAttemptsMax` times at most with `retryDelaysMs` between; whether it was answered. */
  async #tried(send: () => Promise<number>): Promise<boolean> {
    for (let attempt = 1; attempt <= hookAttemptsMax; attempt++) {
      const status = await send().catch(() => 0);
      if (status >= 200 && status < 300) return true;
      const delayMs = retryDelaysMs[attempt - 1];
      if (delayMs === undefined) break;
      await (this.options.wait ?? ((ms: number) => new Promise<void>((resolve) => this.options.clock.setTimeout(resolve, ms))))(delayMs);
    }
    return false;
  }
}

/** The URLs to call when `meeting` ends: its `meetingEndedURL`, then its `meta_endCallbackUrl` with `recordingmarks=false` added. */
export function endCallbackUrls(meeting: {
  settings: { meetingEndedUrl: string | null };
  metadata: Readonly<Record<string, string>>;
}): string[] {
  const urls = meeting.settings.meetingEndedUrl ? [meeting.settings.meetingEndedUrl] : [];
  const metaUrl = meeting.metadata.endcallbackurl;
  if (metaUrl && URL.canParse(metaUrl)) {
    const url = new URL(metaUrl);
    url.searchParams.append('recordingmarks', 'false');
    urls.push(url.toString());
  }
  return urls;
}

/** GETs a URL, following no redirect; the status. */
async function getUrl(url: string): Promise<number> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(callbackTimeoutMs) });
  await response.body?.cancel();
  return response.status;
}

/** The chat id bbb-webhooks names the public chat with (it sends no private message). */
const publicChatId = 'MAIN-PUBLIC-GROUP-CHAT';

/**
 * The event as BigBlueButton's webhooks send it when `getRaw` is false: `meeting` by its two ids
 * (with its name and create time when created), then what the event is about, as bbb-webhooks'
 * `WebhooksEvent` maps it and `mapped-events.json` shows it.
 */
function eventData(event: HookEvent, timestampMs: number) {
  const meeting = {
    'internal-meeting-id': event.meeting.internalId,
    'external-meeting-id': event.meeting.meetingId,
    ...(event.id === 'meeting-created' ? { name: event.meeting.name, 'create-time': event.meeting.createTimeMs } : {}),
  };
  return { data: { type: 'event', id: event.id, attributes: { meeting, ...eventAttributes(event) }, event: { ts: timestampMs } } };
}

/** The attributes beside `meeting` of an event. */
function eventAttributes(event: HookEvent): Record<string, unknown> {
  switch (event.id) {
    case 'meeting-created':
    case 'meeting-ended':
      return {};
    case 'user-joined':
    case 'user-left':
      return { user: { ...userIds(event.user), name: event.user.name, role: event.user.role, presenter: false } };
    case 'user-audio-voice-enabled':
      return { user: { ...userIds(event.user), 'listening-only': false, 'sharing-mic': true, muted: event.muted } };
    case 'user-audio-voice-disabled':
      return { user: { ...userIds(event.user), 'listening-only': false, 'sharing-mic': false, muted: true } };
    case 'user-audio-muted':
    case 'user-audio-unmuted':
      return { user: { ...userIds(event.user), muted: event.id === 'user-audio-muted' } };
    case 'user-cam-broadcast-start':
    case 'user-cam-broadcast-end':
      return { user: { ...userIds(event.user), stream: event.stream } };
    case 'user-raise-hand-changed':
      return { user: { ...userIds(event.user), 'raise-hand': event.raised } };
    case 'meeting-screenshare-started':
    case 'meeting-screenshare-stopped':
      return { user: userIds(event.user) };
    case 'chat-group-message-sent':
      return chatAttributes(event.message);
  }
}

/** A public chat message's attributes. A message from outside the meeting is named by its userName, as BigBlueButton's `sendChatMessage` puts it in the event's header. */
function chatAttributes(message: HookChatMessage) {
  const sender = message.sender ? userIds(message.sender) : { 'internal-user-id': message.senderName };
  return {
    'chat-message': {
      id: message.messageId,
      message: message.text,
      sender: { ...sender, name: message.senderName, time: message.sentAtMs },
    },
    'chat-id': publicChatId,
  };
}

/** How bbb-webhooks names a user: its internal id and the integration's. */
function userIds(user: HookUser) {
  return { 'internal-user-id': user.participantId, 'external-user-id': user.externalUserId };
}

/** POSTs a form, following no redirect; the status (0 when nothing answered in time). */
async function postForm(url: string, body: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(callbackTimeoutMs),
  });
  await response.body?.cancel();
  return response.status;
}

/** Whether a host name given in a URL is public: not localhost, nor a loopback, private, link-local, shared or special address. */
export function isPublicHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return false;
  const version = isIP(host);
  if (version === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return !(
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (version === 6) {
    return !(
      host === '::' ||
      host === '::1' ||
      host.startsWith('fc') ||
      host.startsWith('fd') ||
      host.startsWith('fe80') ||
      host.startsWith('::ffff:')
    );
  }
  return true;
}
