/** The media domain: Janus, supervised or external, behind a gateway that speaks janode. */
export { JanusAdminClient, JanusAdminError, JanusAdminMonitor, measureJanus, sumHandles } from './janus-admin.js';
export { chooseIceInterface, renderJanusConfig, writeJanusConfig } from './janus-config.js';
export { JanusGateway, type JanusGatewayEvents, type JanusRoom, MediaServerUnavailableError } from './janus-gateway.js';
export { PublisherHandle } from './janus-handles.js';
export { type FeedRequest, type SubscribedStream, SubscriptionHandle, type SubscriptionOffer } from './janus-subscription.js';
export { findFreePort, type LocalJanus, startLocalJanus } from './local-janus.js';
export { ProcessSupervisor } from './process-supervisor.js';
export {
  type IceServer,
  type IceServersRequest,
  type JanusTurn,
  type LocalCoturn,
  makeTurnCredential,
  type RunningTurn,
  startTurn,
  TurnService,
} from './turn/index.js';
