export * from './resource-change';
export * from './changeset';
export * from './policy';
export * from './finding';
export * from './errors';
