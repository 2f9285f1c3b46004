/** TURN: the supervised coturn or an external server, and the time-limited credentials browsers get. */
export { deniedPeerRanges, renderCoturnConfig, writeCoturnConfig } from './coturn-config.js';
export { type LocalCoturn, startLocalCoturn } from './local-coturn.js';
export { type JanusTurn, type RunningTurn, startTurn, type TurnConfig } from './start-turn.js';
export { type IceServer, makeTurnCredential, type TurnCredential, turnPasswordOf } from './turn-credentials.js';
export { type IceServersRequest, TurnService, type TurnSettings } from './turn-service.js';
