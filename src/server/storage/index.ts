export { openStorage, type Storage, type StorageEngine, type StorageOptions } from './database.js';
export type { Database } from './schema.js';
