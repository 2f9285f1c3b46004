/** The signalling domain: the browser's only channel to meetings and media. */
export { SignalingConnections, type SignalingOptions, signalingHttp } from './http.js';
