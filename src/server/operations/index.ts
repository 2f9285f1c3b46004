/** The operations domain: health and metrics. */
export { type OperationsOptions, operationsHttp } from './http.js';
