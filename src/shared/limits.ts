/**
 * Every limit Plenary enforces, in one place. Schemas, the signalling server and the
 * room registry read them from here; nothing else hard-codes a size, a count or a rate.
 */
export const limits = {
  /** Largest WebSocket message the server accepts, in bytes (an SDP offer with simulcast is ~10 KB). */
  signalingMessageBytesMax: 64 * 1024,
  /** Longest SDP body accepted in a publisher's offer or answer, in characters. */
  sdpCharactersMax: 48 * 1024,
  /**
   * Longest SDP body of a subscription's offer or answer, in characters: one m-line per stream it
   * carries (Janus's offer ~710 characters per m-line, Chromium's answer ~630, measured in a room of
   * 40), so 1 KiB for each of `subscribedStreamsMax`. A room of 100 with every camera on needs
   * ~140 KB; `sdpCharactersMax` refused both from about 65 streams on.
   */
  subscriptionSdpCharactersMax: 400 * 1024,
  /** Largest `subscription-answer` message the server accepts, in bytes: the answer and its envelope. */
  subscriptionAnswerBytesMax: 400 * 1024 + 4 * 1024,
  /** Longest ICE candidate line, in characters. */
  iceCandidateCharactersMax: 1024,
  /** ICE candidates kept for a connection whose media handle is still being set up. */
  iceCandidatesQueuedMax: 64,
  /** Longest display name, in characters (after trimming). */
  displayNameCharactersMax: 64,
  /** Longest room name, in characters. */
  roomNameCharactersMax: 100,
  /** Participants allowed in one room at once, unless a room (or its plan) sets a lower limit: Meet.coop's largest plan held 100. */
  participantsPerRoomMax: 100,
  /**
   * A room tells its talking changes at most once per this many milliseconds, in one `speaking`
   * message per participant (the first change after a quiet spell at once, the rest gathered).
   */
  speakingBatchMs: 400,
  /**
   * Speaking reports (`speaking`) one participant may send per second, with bursts of
   * `speakingReportBurst`: a browser's detector changes its mind at most about twice a second.
   */
  speakingReportsPerSecondMax: 4,
  speakingReportBurst: 10,
  /** Shortest and longest media key wrapped for one recipient of an encrypted meeting, in base64url characters (ours are 70). */
  e2eeWrappedKeyCharactersMin: 32,
  e2eeWrappedKeyCharactersMax: 256,
  /** Public-key announcements one participant may make per second (again after each reconnection), with bursts of `e2eeIdentityBurst`. */
  e2eeIdentitiesPerSecondMax: 0.5,
  e2eeIdentityBurst: 3,
  /** Key messages (`e2ee-keys`) one participant may send per second — one per join or leave, one per reconnected peer — with bursts of `e2eeKeysBurst`. */
  e2eeKeysPerSecondMax: 5,
  e2eeKeysBurst: 20,
  /** Messages one WebSocket may send per second, averaged over `signalingBurstMessages`. */
  signalingMessagesPerSecondMax: 50,
  /** Burst of messages allowed above the per-second rate (ICE trickling is bursty). */
  signalingBurstMessages: 200,
  /**
   * An excess over that rate lasts this long from its first dropped message, in milliseconds. The
   * socket gets one `rate_limited` error per excess; the other messages dropped in it get no answer.
   */
  signalingExcessWindowMs: 10_000,
  /**
   * Messages that may be dropped within one excess before the socket is closed (code 1008, reason
   * `too_many_messages`): a sender must go 500 messages beyond what the rate and burst allow
   * within 10 s. A browser's bursts (joining, ICE, a quick moderator) stay within the burst.
   */
  signalingExcessDroppedMessagesMax: 500,
  /** Interval of WebSocket pings the server sends to detect dead tabs, in milliseconds. */
  heartbeatIntervalMs: 3_000,
  /** Pings that may go unanswered before a participant is dropped (3 × 3 s ≤ 10 s). */
  heartbeatMissedMax: 2,
  /** How often the browser checks that the server still answers, in milliseconds. */
  clientPingIntervalMs: 4_000,
  /** Without any message from the server for this long, the browser reconnects. */
  clientSilenceMaxMs: 10_000,
  /** Room creations allowed per client address per minute. */
  roomCreationsPerMinuteMax: 30,
  /** WebSocket connections (joins) allowed per client address per minute. */
  joinsPerMinuteMax: 60,
  /** Longest chat message, in characters. */
  chatMessageCharactersMax: 2_000,
  /**
   * Longest sealed chat message of an encrypted meeting, in base64url characters: a message of
   * `chatMessageCharactersMax` characters at four UTF-8 bytes each, with its KID, nonce and tag.
   */
  chatSealedCharactersMax: 10_800,
  /** How long the server waits for a browser's answer to a subscription offer before closing that subscription. */
  subscriptionAnswerTimeoutMs: 15_000,
  /** Streams one subscription may carry: audio and video of every other participant's camera and screen. */
  subscribedStreamsMax: 4 * 100,
  /** Chat messages one participant may send per second, averaged over `chatBurstMessages`. */
  chatMessagesPerSecondMax: 1,
  /** Burst of chat messages allowed above the rate. */
  chatBurstMessages: 5,
  /** Chat messages kept for one meeting (the oldest are dropped beyond this). */
  chatMessagesPerMeetingMax: 5_000,
  /** Hand raises, reactions and media-state changes per second per participant, averaged over the burst. */
  gesturesPerSecondMax: 2,
  /** Burst of gestures above the rate. */
  gestureBurst: 6,
  /** Polls: the longest question, custom answer and free-text answer, in characters; answers of a custom poll; polls in one meeting. */
  pollQuestionCharactersMax: 300,
  pollAnswerCharactersMax: 100,
  pollFreeTextCharactersMax: 500,
  pollAnswersMax: 10,
  pollsPerMeetingMax: 50,
  /** Answers to a poll gathered into one results message to the moderators, in milliseconds. */
  pollResultsBatchMs: 250,
  /**
   * Shared notes: the largest y-protocols message (an edit or a paste; base64url makes it a third
   * larger on the socket), the largest awareness update, and the document's size — the sum of the
   * edits it took in — beyond which edits are refused.
   */
  notesMessageBytesMax: 32 * 1024,
  notesAwarenessBytesMax: 2 * 1024,
  notesDocumentBytesMax: 1024 * 1024,
  /** Notes messages (edits and cursor moves) one participant may send per second, with bursts of `notesBurst`: typing fast is ~10. */
  notesMessagesPerSecondMax: 20,
  notesBurst: 60,
  /** Openings of the notes (each answered with the whole document) one participant may make per second, with bursts of `notesOpeningsBurst`. */
  notesOpeningsPerSecondMax: 0.5,
  notesOpeningsBurst: 4,
  /** Cursors (awareness client ids) one participant may show in the notes at once: one per open page. */
  notesCursorsPerParticipantMax: 2,
  /** Kept notes are saved this long after the last edit (and when the meeting ends), in milliseconds. */
  notesSaveDelayMs: 5_000,
  /**
   * Presentations (PDF): the largest upload in bytes, its pages, each page's width and height in
   * PDF points (a page of 5000 × 5000 points is 1.76 m square; a "PDF bomb" of huge pages is
   * refused), and how long the server may take to read one before it is refused, in milliseconds.
   */
  presentationBytesMax: 20 * 1024 * 1024,
  presentationPagesMax: 200,
  presentationPagePointsMax: 5_000,
  presentationInspectionTimeoutMs: 10_000,
  /** PDFs one server reads at once (a meeting keeps one presentation in memory; a new upload replaces it). */
  presentationInspectionsAtOnceMax: 2,
  /** Longest file name of a presentation, in characters. */
  presentationNameCharactersMax: 200,
  /** How long a moderator's upload ticket is valid, in milliseconds (it is used once). */
  presentationUploadTicketMs: 5 * 60_000,
  /** Page turns and zooms a presenter may send per second, with bursts of `presentationMovesBurst`. */
  presentationMovesPerSecondMax: 5,
  presentationMovesBurst: 20,
  /** The zoom a presenter may choose, as a factor of the page fitted to the view. */
  presentationZoomMin: 0.5,
  presentationZoomMax: 4,
  /**
   * The whiteboard: the largest y-protocols message (a long stroke is ~10 kB; base64url makes it a
   * third larger, within `signalingMessageBytesMax` on the socket), the document (every board of the meeting) — the sum of the
   * updates it took in — and, per board, its shapes; per shape, a pen stroke's points and a
   * text's characters; boards in one meeting (a page of any presentation shown, and the blank one).
   */
  whiteboardMessageBytesMax: 40 * 1024,
  whiteboardDocumentBytesMax: 2 * 1024 * 1024,
  whiteboardShapesPerBoardMax: 1_000,
  whiteboardPointsPerStrokeMax: 2_000,
  whiteboardTextCharactersMax: 500,
  whiteboardBoardsMax: 1_000,
  /** Whiteboard messages one participant may send per second, with bursts of `whiteboardBurst`: a pen sends ~10 while drawing. */
  whiteboardMessagesPerSecondMax: 20,
  whiteboardBurst: 60,
  /** Openings of the whiteboard (each answered with the whole document) one participant may make per second, with bursts of `whiteboardOpeningsBurst`. */
  whiteboardOpeningsPerSecondMax: 0.5,
  whiteboardOpeningsBurst: 4,
  /**
   * Refused updates (each makes the server rebuild its proof copy of the document) one
   * participant may send per second, with bursts of `whiteboardRefusalsBurst`; past them the
   * whiteboard refuses their updates for `whiteboardPauseMs`.
   */
  whiteboardRefusalsPerSecondMax: 0.5,
  whiteboardRefusalsBurst: 10,
  whiteboardPauseMs: 10_000,
  /**
   * Breakout rooms: how many at once (BigBlueButton's 16), the longest a moderator may give them,
   * the longest room name and broadcast message, in characters, and when everyone is warned that
   * they are about to go back to the main room.
   */
  breakoutRoomsMin: 2,
  breakoutRoomsMax: 16,
  breakoutMinutesMax: 240,
  breakoutNameCharactersMax: 60,
  breakoutBroadcastCharactersMax: 500,
  breakoutWarningMs: 60_000,
  /** Longest room access code (viewer or moderator), in characters. */
  accessCodeCharactersMax: 64,
  /** Shortest viewer access code a moderator may set. */
  accessCodeCharactersMin: 4,
  /** Longest reason given to a guest who is denied entry. */
  denyReasonCharactersMax: 200,
  /** People waiting in one room's waiting room at once. */
  waitingPerRoomMax: 100,
  /** How long a participant whose connection dropped keeps their place, in milliseconds. */
  reconnectGraceMs: 30_000,
  /** Video bitrate cap Janus applies to each publisher, in bits per second. */
  publisherBitrateBitsPerSecondMax: 1_024_000,
  /** Transfers in one ledger batch (one request), linked or not. */
  ledgerTransfersPerBatchMax: 1_000,
  /** Longest transfer description, in characters. */
  ledgerDescriptionCharactersMax: 500,
  /** Longest transfer reference (an invoice number, an external id), in characters. */
  ledgerReferenceCharactersMax: 100,
  /** Longest reason or author recorded with an account's limit or state change, in characters. */
  ledgerReasonCharactersMax: 500,
  /** Longest currency name, in characters. */
  ledgerCurrencyNameCharactersMax: 100,
  /** Most decimal places a currency's minor unit may have. */
  ledgerCurrencyScaleMax: 18,
  /** Time a pending transfer holds its reservation when the request names none, in milliseconds (1 day). */
  ledgerPendingTimeoutMsDefault: 86_400_000,
  /** Longest time a pending transfer may hold a reservation, in milliseconds (90 days). */
  ledgerPendingTimeoutMsMax: 90 * 86_400_000,
  /** Pending transfers expired by one sweep (one database transaction). */
  ledgerExpiriesPerSweepMax: 1_000,
  /** Interval of the expiry sweep the ledger's HTTP plugin runs, in milliseconds. */
  ledgerExpirySweepIntervalMs: 10_000,
  /** Statement lines in one page. */
  ledgerStatementLinesPerPageMax: 1_000,
  /** Statement lines in one CSV export. */
  ledgerStatementCsvLinesMax: 100_000,
  /** Largest ledger request body, in bytes (a full batch of transfers fits). */
  ledgerRequestBytesMax: 1024 * 1024,
  /**
   * How long an instance's claim on a row (an open meeting, a payment request being accepted) holds
   * without being renewed; after it, the owner is presumed dead and any instance may recover the row
   * at its start (5 minutes).
   */
  instanceClaimLeaseMs: 5 * 60_000,
  /** How often a running instance renews its claims on its open meetings (well inside the lease). */
  instanceClaimRenewIntervalMs: 60_000,
  /**
   * How often each instance reads the registered media servers into its pool (what operators
   * changed through another instance reaches this one within it; changes made through this one
   * apply at once).
   */
  mediaServersRefreshIntervalMs: 10_000,
  /** How often a media server's own load is read through its admin API, where Plenary has it (the supervised Janus always). */
  mediaServerMonitorIntervalMs: 5_000,
  /** How long a closing meeting waits for its media server to destroy its room (at shutdown, so none is left behind). */
  mediaRoomDestroyWaitMs: 2_000,
  /**
   * How often the privacy sweeps run (hourly): the one that deletes client addresses older than
   * `PRIVACY_ADDRESS_RETENTION_DAYS`, and the one that deletes rows past their keeping time
   * (`retentionLimits`, and sent mail after `PRIVACY_SENT_MAIL_RETENTION_DAYS`).
   */
  privacySweepIntervalMs: 60 * 60_000,
  /** How often subscriptions whose period ended are rolled into the next (also done on every read). */
  billingSweepIntervalMs: 10 * 60_000,
  /** Subscriptions one billing run rolls (and invoices) at once. */
  billingRolloverConcurrency: 4,
  /** Largest bank statement file the treasurer may import, in bytes (5 MB: a year of a busy account). */
  bankStatementBytesMax: 5 * 1024 * 1024,
  /** Transaction lines in one imported bank statement. */
  bankStatementLinesMax: 10_000,
  /** Keys (addresses, accounts…) one in-memory rate limiter tracks at once; beyond it, the fullest buckets go first. */
  rateLimiterKeysMax: 100_000,
  /**
   * Counters an SFrame receiver remembers per key, behind the highest it accepted: a frame within
   * them is accepted once, an older one is refused as a replay (RFC 9605 §9.3, SRTP's window).
   * 1024 frames is over 9 s of audio and video from one sender, so late and reordered frames pass.
   */
  sframeReplayWindowFrames: 1024,
} as const;

export type Limits = typeof limits;

/** Limits of accounts, organisations and scheduling (see src/server/accounts, organisations, scheduling). */
export const accountLimits = {
  /** How often the mailer retries messages SMTP did not take, in milliseconds. */
  mailRetryIntervalMs: 60_000,
  /** Waits before each retry of an unsent message; after the last, it stays in the outbox unsent. */
  mailRetryDelaysMs: [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as readonly number[],
  /** How long a delivery under way may take before the retry sweep takes the message over (a crash mid-send). */
  mailDeliveryLeaseMs: 10 * 60_000,
  /** Messages one retry round sends. */
  mailRetryBatchMax: 50,
  /** Shortest password accepted, in characters. */
  passwordCharactersMin: 10,
  /** Longest password accepted, in characters (argon2 hashes anything; this bounds the work). */
  passwordCharactersMax: 256,
  /** Longest email address, in characters (RFC 5321). */
  emailCharactersMax: 254,
  /** Longest person or organisation name, in characters. */
  personNameCharactersMax: 80,
  /** Organisation and room slugs: lower-case letters, digits and dashes, at most this long. */
  slugCharactersMax: 40,
  /** How long a session lasts after login, in milliseconds (30 days). */
  sessionDurationMs: 30 * 24 * 60 * 60 * 1000,
  /** How long an email verification link stays valid, in milliseconds (48 hours). */
  verificationTokenDurationMs: 48 * 60 * 60 * 1000,
  /** How long a password reset link stays valid, in milliseconds (1 hour). */
  passwordResetTokenDurationMs: 60 * 60 * 1000,
  /** How long an organisation invitation stays valid, in milliseconds (14 days). */
  invitationDurationMs: 14 * 24 * 60 * 60 * 1000,
  /** Failed logins for one email allowed before it is locked. */
  loginFailuresBeforeLock: 5,
  /** First lock-out after too many failures, in milliseconds; doubles with each further failure. */
  loginLockBaseMs: 60 * 1000,
  /** Longest lock-out, in milliseconds (1 hour). */
  loginLockMaxMs: 60 * 60 * 1000,
  /** Login, sign-up and reset requests allowed per client address per minute. */
  accountRequestsPerMinuteMax: 30,
  /** Requests that mail addresses someone typed in (invitations, scheduling) per client address per minute. */
  mailingRequestsPerMinuteMax: 20,
  /** Longest meeting title, in characters. */
  meetingTitleCharactersMax: 120,
  /** Longest meeting agenda, in characters. */
  agendaCharactersMax: 4000,
  /** Longest scheduled meeting, in minutes (12 hours). */
  meetingDurationMinutesMax: 12 * 60,
  /** People invited to one scheduled meeting by email. */
  inviteesPerMeetingMax: 100,
  /** Organisations one person may create. */
  organisationsPerPersonMax: 20,
  /** Rooms one organisation or person may own. */
  roomsPerOwnerMax: 100,
  /** Rows an operator list returns at once. */
  operatorListRowsMax: 200,
} as const;

/**
 * How long rows that no longer work are kept before the hourly privacy sweep deletes them (issue 18:
 * data is kept only as long as it is needed). Each owning domain applies its own: accounts the
 * sessions' and one-time links', organisations the invitations'. Sent mail's retention is a setting
 * (`PRIVACY_SENT_MAIL_RETENTION_DAYS`, default 7 days), as is client addresses'.
 */
export const retentionLimits = {
  /** An expired session, after it expired (1 day); it no longer works from its expiry on. */
  expiredSessionKeptMs: 24 * 60 * 60 * 1000,
  /**
   * A one-time link (email verification, password reset) after it was used or expired (1 day): a
   * second click soon after is told "already used" or "expired" rather than "unknown link".
   */
  finishedAccountTokenKeptMs: 24 * 60 * 60 * 1000,
  /**
   * An organisation invitation after it was accepted or expired (30 days): an invitee who clicks a
   * late link is told it expired (and asks for another) rather than that it is unknown.
   */
  finishedInvitationKeptMs: 30 * 24 * 60 * 60 * 1000,
} as const;

/** Limits of the mutual-credit network (see src/server/network). */
export const networkLimits = {
  /** Longest trading member name, in characters. */
  memberNameCharactersMax: 80,
  /** Longest profile or listing description, in characters. */
  descriptionCharactersMax: 2000,
  /** Longest location, in characters. */
  locationCharactersMax: 120,
  /** Longest website address, in characters. */
  websiteCharactersMax: 200,
  /** Longest contact line, in characters. */
  contactCharactersMax: 200,
  /** Longest listing title, in characters. */
  listingTitleCharactersMax: 120,
  /** Offers and wants one member may list. */
  listingsPerMemberMax: 100,
  /** Longest directory search, in characters. */
  searchCharactersMax: 100,
  /** Members one page of the directory shows (with all their matching listings), unless asked for fewer. */
  directoryMembersPerPage: 20,
  /** Longest payment or request description, in characters. */
  paymentDescriptionCharactersMax: 200,
  /** Longest payment reference (an invoice number…), in characters. */
  paymentReferenceCharactersMax: 60,
  /** Longest reason (decline, reject, limit change), in characters. */
  reasonCharactersMax: 500,
  /** Largest single payment, in minor units (well inside the ledger's 64-bit counters). */
  amountMinorUnitsMax: 10n ** 15n,
  /** Days a payment request stays acceptable unless the requester says otherwise. */
  requestExpiryDaysDefault: 30,
  /** Longest a payment request may stay acceptable, in days. */
  requestExpiryDaysMax: 365,
  /** How often the server looks for payment requests that expired unpaid, to tell their requesters. */
  requestExpirySweepIntervalMs: 60_000,
  /** Expired requests one sweep tells about. */
  requestExpirySweepBatchMax: 200,
  /** Open payment requests one member may have sent at once. */
  openRequestsPerMemberMax: 200,
  /** Payment requests a member list returns (newest first). */
  requestListRowsMax: 200,
  /** Auto-accept rules one member may keep. */
  autoAcceptRulesPerMemberMax: 50,
  /** Statement lines per page. */
  statementLinesPerPageMax: 100,
  /** Share of its credit limit in use at which a member shows as near its limit. */
  nearLimitShare: 0.8,
  /** Categories of offers and wants. */
  categories: [
    'hosting-and-it',
    'design-and-marketing',
    'professional-services',
    'food-and-drink',
    'goods',
    'training-and-events',
    'transport',
    'building-and-repairs',
    'wellbeing',
    'other',
  ],
  /** Payments and requests one client address may submit per minute. */
  paymentRequestsPerMinuteMax: 60,
} as const;

/** Limits of the BigBlueButton API (see src/server/bbb-api). */
export const bbbApiLimits = {
  /** Longest query string of one call, in characters (Node refuses longer request lines anyway). */
  queryCharactersMax: 16 * 1024,
  /** Largest form or XML body of one POST, in bytes. */
  bodyBytesMax: 64 * 1024,
  /** Parameters (query and body together) one BigBlueButton API call may carry. */
  parametersMax: 256,
  /** Shortest and longest BigBlueButton `meetingID`, in characters (as BigBlueButton 2.4 and later). */
  meetingIdCharactersMin: 2,
  meetingIdCharactersMax: 256,
  /** Shortest and longest meeting name given to `create`, in characters. */
  meetingNameCharactersMin: 2,
  meetingNameCharactersMax: 256,
  /** Shortest and longest `attendeePW` / `moderatorPW`, in characters (as BigBlueButton 2.4 and later). */
  passwordCharactersMin: 2,
  passwordCharactersMax: 64,
  /** Longest `fullName`, `userID`, welcome text, URL or metadata value, in characters. */
  textCharactersMax: 4096,
  /** Metadata entries (`meta_*`) one meeting may carry. */
  metadataEntriesMax: 64,
  /** Longest metadata name after `meta_`, in characters. */
  metadataNameCharactersMax: 64,
  /** Feature names `create`'s `disabledFeatures` (or `disabledFeaturesExclude`) may list. */
  disabledFeaturesMax: 64,
  /** Longest `maxParticipants`, `duration` accepted (people; minutes: a week). */
  participantsMax: 10_000,
  durationMinutesMax: 7 * 24 * 60,
  /** How long a join ticket from `join` stays usable, in milliseconds (the browser follows the redirect at once). */
  joinTicketLifetimeMs: 2 * 60_000,
  /** How long the browser that used a join ticket may join that meeting again with its grant (reloads, lost connections). */
  joinGrantLifetimeMs: 12 * 60 * 60_000,
  /** Meetings `getMeetings` lists at most. */
  meetingsListedMax: 1000,
  /** How often meetings are checked for ending on their own (nobody came, everyone left, `duration` reached). */
  sweepIntervalMs: 30_000,
  /** A meeting nobody has entered ends this long after `create` (BigBlueButton's `meetingExpireIfNoUserJoinedInMinutes`, 5). */
  unjoinedMeetingEndAfterMs: 5 * 60_000,
  /** A meeting ends this long after its last participant left (BigBlueButton's `meetingExpireWhenLastUserLeftInMinutes`, 1). */
  emptyMeetingEndAfterMs: 60_000,
  /** Characters of an organisation's secret (letters and digits: about 285 bits; BigBlueButton's are 40+). */
  organisationSecretCharacters: 48,
  /** After a call matched no secret, the organisations' secrets are read again at most this often (one made on another instance). */
  organisationSecretsReloadAfterMs: 5_000,
  /** Rooms one organisation's integration may make (one per meetingID; reused by every later meeting with it). */
  roomsPerOrganisationMax: 10_000,
} as const;
