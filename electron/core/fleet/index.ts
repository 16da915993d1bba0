// One release against many customer contracts (issue 13): the CLI `fleet` command and the
// desktop Fleet preview use this.
export type { FleetContractStatus, FleetRow, FleetMatrix, FleetContractSet, FleetWork, FleetTimings } from './fleet-matrix';
export { FLEET_CONTRACT_STATUSES } from './fleet-matrix';
export { evaluateFleet } from './evaluate-fleet';
export type { EvaluateFleetOptions } from './evaluate-fleet';
export { loadFleetContracts, fleetContractsFromFiles, isContractFileName, MAX_FLEET_CONTRACTS } from './load-fleet-contracts';
export type { FleetContract } from './load-fleet-contracts';
export { parseShard, shardOf, MAX_SHARDS } from './shard';
export type { Shard } from './shard';
export { publicationStatus } from './publication-status';
export { mergeFleet } from './merge-fleet';
export type { ShardFile } from './merge-fleet';
export { fleetJson, parseFleetJson } from './fleet-json';
export { renderFleetText } from './render-text';
export { renderFleetHtml } from './render-html';
export { fleetCounts, topPolicies } from './fleet-summary';
