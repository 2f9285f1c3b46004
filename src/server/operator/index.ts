/** The operator domain: the console's API and its audit log. */
export { type LiveMeetingLoad, type OperatorHttpOptions, operatorHttp } from './http.js';
export { MediaServersService, type MediaServersServiceOptions } from './media-servers.js';
export { type OperatorTables, operatorMigrations } from './migrations.js';
