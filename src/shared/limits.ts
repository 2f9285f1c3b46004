/**
 * Every limit Plenary enforces, in one place. Schemas, the signalling server and the
 * room registry read them from here; nothing else hard-codes a size, a count or a rate.
 */
export const limits = {
  /** Largest WebSocket message the server accepts, in bytes (an SDP offer with simulcast is ~10 KB). */
  signalingMessageBytesMax: 64 * 1024,
  /** Longest SDP body accepted in an offer or answer, in characters. */
  sdpCharactersMax: 48 * 1024,
  /** Longest ICE candidate line, in characters. */
  iceCandidateCharactersMax: 1024,
  /** ICE candidates kept for a connection whose media handle is still being set up. */
  iceCandidatesQueuedMax: 64,
  /** Longest display name, in characters (after trimming). */
  displayNameCharactersMax: 64,
  /** Longest room name, in characters. */
  roomNameCharactersMax: 100,
  /** Participants allowed in one room at once, unless a room sets a lower limit. */
  participantsPerRoomMax: 50,
  /** Messages one WebSocket may send per second, averaged over `signalingBurstMessages`. */
  signalingMessagesPerSecondMax: 50,
  /** Burst of messages allowed above the per-second rate (ICE trickling is bursty). */
  signalingBurstMessages: 200,
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
} as const;

export type Limits = typeof limits;
