export { HealthStatusChip, SyncStatusChip } from './StatusChips';
