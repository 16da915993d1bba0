export { acknowledgedDriftKeys, lastApprovedChangeSet } from './last-approved';
