export * from './cursor';
export * from './leadTime';
export * from './rollback';
export * from './collectTarget';
export * from './deploymentSourceCollector';
export * from './groupTargets';
export * from './config';
export * from './sourceLocationHost';
