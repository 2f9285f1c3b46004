/** Starting a meeting's controller: the pre-join screen does it on the join click, before the meeting view's first render. */
import type { RoomView } from '../../../shared/api.js';
import type { BbbEnterResponse } from '../../../shared/bbb-landing-api.js';
import { RoomIdSchema } from '../../../shared/ids.js';
import type { MediaState } from '../../../shared/protocol.js';
import { offerDownload } from '../../app/download.js';
import { clientId } from '../../app/local-identity.js';
import { MeetingController } from './meeting-controller.js';

/** What a meeting starts from: the person's choices on the pre-join screen. */
export interface MeetingStart {
  displayName: string;
  media: MediaState;
  stream: MediaStream | undefined;
  accessCode: string | undefined;
  grant?: BbbEnterResponse | undefined;
  /** The signalling socket opened ahead (`openSignalingSocket`); the meeting takes it over. */
  socket?: WebSocket | undefined;
}

/**
 * Makes the meeting's controller and starts it: `join` leaves at once on a socket already open
 * (in a microtask), while the page goes on to render the meeting view — the render no longer
 * delays it. The caller hands the controller to `MeetingView`, which disposes of it.
 */
export function startMeeting(room: RoomView, start: MeetingStart): MeetingController {
  const meeting = new MeetingController({
    roomId: RoomIdSchema.parse(room.roomId),
    displayName: start.displayName,
    localStream: start.stream,
    media: start.media,
    accessCode: start.accessCode,
    grant: start.grant?.grant,
    clientId: clientId(),
    socket: start.socket,
    onExport: (name, text) => offerDownload(name, text),
  });
  meeting.start();
  return meeting;
}

const taken = new WeakSet<MeetingController>();

/** The controller started on the join click (`JoinChoice.meeting`), the first time it is asked for; `undefined` after. */
export function takeMeeting(choice: { meeting?: MeetingController | undefined }): MeetingController | undefined {
  const meeting = choice.meeting;
  if (!meeting || taken.has(meeting)) return undefined;
  taken.add(meeting);
  return meeting;
}
