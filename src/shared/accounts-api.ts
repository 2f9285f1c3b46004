/**
 * Schemas of the accounts, organisations, scheduling and operator HTTP API, shared by the
 * server (validation) and the browser (parsing).
 */
import { z } from 'zod';
import { RoomIdSchema } from './ids.js';
import { languages } from './languages.js';
import { accountLimits, limits } from './limits.js';
import { labelSchema, optionalTextSchema } from './text.js';

/** Header that carries the session's CSRF token on every state-changing request. */
export const csrfHeaderName = 'x-csrf-token';

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(accountLimits.emailCharactersMax, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'));

export const PasswordSchema = z.string().max(accountLimits.passwordCharactersMax, 'is too long');

/** Lower-case letters, digits and single dashes: `the-coop`, `weekly-2`. */
export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'must be at least 2 characters')
  .max(accountLimits.slugCharactersMax, `must be at most ${accountLimits.slugCharactersMax} characters`)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must use only letters, digits and dashes');

export const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'not a token');

export const SignUpRequestSchema = z
  .object({ email: EmailSchema, password: PasswordSchema, name: labelSchema(accountLimits.personNameCharactersMax) })
  .strict();
export const LogInRequestSchema = z.object({ email: EmailSchema, password: PasswordSchema }).strict();
export const TokenRequestSchema = z.object({ token: TokenSchema }).strict();
export const PasswordResetRequestSchema = z.object({ email: EmailSchema }).strict();
export const NewPasswordRequestSchema = z.object({ token: TokenSchema, password: PasswordSchema }).strict();
export const DeleteAccountRequestSchema = z.object({ password: PasswordSchema }).strict();

export const OrganisationRoleSchema = z.enum(['owner', 'admin', 'member']);
export type OrganisationRole = z.infer<typeof OrganisationRoleSchema>;

/** A language Plenary speaks (`languages.ts`). */
export const LanguageSchema = z.enum(languages);

/** `PUT /api/account/language`: the language a signed-in person chose; their emails follow it. */
export const LanguageRequestSchema = z.object({ language: LanguageSchema }).strict();

export const PersonViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** The language the person chose, or null before they choose one. */
  language: LanguageSchema.nullable(),
  operator: z.boolean(),
  organisations: z.array(z.object({ slug: z.string(), name: z.string(), role: OrganisationRoleSchema })),
});
export type PersonView = z.infer<typeof PersonViewSchema>;

/** `GET /api/account/session`: who is signed in, and the token to send in `x-csrf-token`. */
export const SessionViewSchema = z.object({ person: PersonViewSchema, csrfToken: z.string() });
export type SessionView = z.infer<typeof SessionViewSchema>;
/**
 * `GET /api/account/session`: the signed-in person and CSRF token, or `{ person: null }` for a
 * visitor who is not signed in — a normal state, answered 200, so pages log no error for it.
 */
export const CurrentSessionSchema = z.union([SessionViewSchema, z.object({ person: z.null() })]);

export const CreateOrganisationRequestSchema = z
  .object({ name: labelSchema(accountLimits.personNameCharactersMax), slug: SlugSchema })
  .strict();
export const OrganisationParamsSchema = z.object({ org: z.string().max(100) });
export const InvitationRequestSchema = z.object({ email: EmailSchema, role: OrganisationRoleSchema.exclude(['owner']) }).strict();
export const ChangeRoleRequestSchema = z.object({ role: OrganisationRoleSchema }).strict();
export const MemberParamsSchema = z.object({ org: z.string().max(100), personId: z.string().max(100) });

export const OrganisationViewSchema = z.object({
  slug: z.string(),
  name: z.string(),
  role: OrganisationRoleSchema,
  members: z.array(z.object({ personId: z.string(), name: z.string(), email: z.string(), role: OrganisationRoleSchema })),
});
export type OrganisationView = z.infer<typeof OrganisationViewSchema>;

/** Short names that room links use for pages of their own (`/r/<room id>/settings`). */
const reservedRoomSlugs = ['settings'];

export const CreateOwnedRoomRequestSchema = z
  .object({
    name: labelSchema(limits.roomNameCharactersMax),
    slug: SlugSchema.refine((slug) => !reservedRoomSlugs.includes(slug), 'is reserved; choose another'),
  })
  .strict();
export const OwnedRoomParamsSchema = z.object({ org: z.string().max(100), slug: z.string().max(100) });
export const PersonalRoomParamsSchema = z.object({ handle: z.string().max(100), slug: z.string().max(100) });

export const MeetingSummarySchema = z.object({
  startedAtMs: z.number(),
  endedAtMs: z.number().nullable(),
  participantsPeak: z.number(),
  durationMs: z.number().nullable(),
});

export const ScheduledMeetingViewSchema = z.object({
  id: z.string(),
  roomId: RoomIdSchema,
  title: z.string(),
  agenda: z.string(),
  startsAtMs: z.number(),
  durationMinutes: z.number(),
  timeZone: z.string(),
  sequence: z.number(),
  cancelled: z.boolean(),
  invitees: z.array(z.string()),
});
export type ScheduledMeetingView = z.infer<typeof ScheduledMeetingViewSchema>;

export const OwnedRoomViewSchema = z.object({
  roomId: RoomIdSchema,
  name: z.string(),
  /** Organisation slug, or null for a person's own room. */
  organisation: z.string().nullable(),
  slug: z.string(),
  /** The unguessable link for guests. */
  url: z.string(),
  /** `/r/<org>/<room>` for members, or null for a personal room. */
  readableUrl: z.string().nullable(),
  /** The room's moderator code, for those who administer it (owners join their rooms as moderators); else null. */
  moderatorCode: z.string().nullable(),
  /** Calendar feed (iCalendar) of the room's scheduled meetings; secret, for owners and admins. */
  calendarUrl: z.string().nullable(),
  recentMeetings: z.array(MeetingSummarySchema),
  upcomingMeetings: z.array(ScheduledMeetingViewSchema),
});
export type OwnedRoomView = z.infer<typeof OwnedRoomViewSchema>;

export const DashboardViewSchema = z.object({ rooms: z.array(OwnedRoomViewSchema) });
export type DashboardView = z.infer<typeof DashboardViewSchema>;

export const RoomLookupViewSchema = z.object({ roomId: RoomIdSchema });

/** A local date and time (`2026-03-02T10:30`) in the named IANA time zone. */
/** An IANA time zone the platform knows, such as `Europe/London`. */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be a time zone such as Europe/London');

export const ScheduleMeetingRequestSchema = z
  .object({
    title: labelSchema(accountLimits.meetingTitleCharactersMax),
    agenda: optionalTextSchema(accountLimits.agendaCharactersMax, { multiline: true }).default(''),
    startsAtLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must look like 2026-03-02T10:30'),
    timeZone: TimeZoneSchema,
    durationMinutes: z.number().int().min(5).max(accountLimits.meetingDurationMinutesMax),
    invitees: z.array(EmailSchema).max(accountLimits.inviteesPerMeetingMax).default([]),
  })
  .strict();
export type ScheduleMeetingRequest = z.input<typeof ScheduleMeetingRequestSchema>;
export const RoomIdParamsSchema = z.object({ roomId: z.string().max(100) });
export const ScheduledMeetingParamsSchema = z.object({ meetingId: z.string().max(100) });
