// The parts of janode (untyped JavaScript) that Plenary uses. Replies are still validated
// with zod in janus-gateway.ts: these declarations only describe the call surface.
declare module 'janode' {
  import type { EventEmitter } from 'node:events';
  export interface JanodeHandle extends EventEmitter {
    readonly id: number;
    trickle(candidate: unknown): Promise<unknown>;
    trickleComplete(): Promise<unknown>;
    detach(): Promise<unknown>;
  }
  export interface JanodeSession extends EventEmitter {
    readonly id: number;
    attach<H extends JanodeHandle>(plugin: { id: string; Handle: unknown }): Promise<H>;
    destroy(): Promise<unknown>;
  }
  export interface JanodeConnection extends EventEmitter {
    create(keepaliveIntervalSeconds?: number): Promise<JanodeSession>;
    getInfo(): Promise<unknown>;
    close(): Promise<unknown>;
  }
  const Janode: {
    connect(config: {
      address: { url: string; apisecret?: string }[];
      retry_time_secs?: number;
      max_retries?: number;
    }): Promise<JanodeConnection>;
    EVENT: Record<
      | 'CONNECTION_CLOSED'
      | 'CONNECTION_ERROR'
      | 'SESSION_DESTROYED'
      | 'HANDLE_DETACHED'
      | 'HANDLE_ICE_FAILED'
      | 'HANDLE_HANGUP'
      | 'HANDLE_WEBRTCUP'
      | 'HANDLE_MEDIA'
      | 'HANDLE_SLOWLINK'
      | 'HANDLE_TRICKLE',
      string
    >;
  };
  export default Janode;
}

declare module 'janode/plugins/videoroom' {
  import type { JanodeHandle } from 'janode';
  export interface VideoRoomHandle extends JanodeHandle {
    create(params: Record<string, unknown>): Promise<unknown>;
    destroy(params: Record<string, unknown>): Promise<unknown>;
    joinPublisher(params: Record<string, unknown>): Promise<unknown>;
    configure(params: Record<string, unknown>): Promise<unknown>;
    joinSubscriber(params: Record<string, unknown>): Promise<unknown>;
    start(params: Record<string, unknown>): Promise<unknown>;
    update(params: Record<string, unknown>): Promise<unknown>;
    leave(): Promise<unknown>;
    message(body: Record<string, unknown>): Promise<unknown>;
  }
  const plugin: { id: string; Handle: unknown; EVENT: { VIDEOROOM_TALKING: string } & Record<string, string> };
  export default plugin;
}
