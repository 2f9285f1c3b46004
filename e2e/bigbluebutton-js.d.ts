/** The community BigBlueButton client's API (it ships no types): what the e2e test uses of it. */
declare module 'bigbluebutton-js' {
  type Params = Record<string, string | number | boolean>;
  /** A parsed XML answer (`returncode`, `meetingID`, `attendees`, …). */
  type Answer = Record<string, unknown> & { returncode: string };
  export function api(
    host: string,
    secret: string,
  ): {
    administration: {
      create(name: string, id: string, params?: Params): string;
      join(fullName: string, meetingID: string, password: string, params?: Params): string;
      end(meetingID: string, password: string): string;
    };
    monitoring: {
      getMeetingInfo(meetingID: string): string;
      isMeetingRunning(meetingID: string): string;
      getMeetings(): string;
    };
  };
  export function http(url: string): Promise<Answer>;
}
