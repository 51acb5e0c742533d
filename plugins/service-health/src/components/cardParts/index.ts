export { useEntityCode } from './useEntityCode';
export { CiStateChip } from './CiStateChip';
export { NoData } from './NoData';
export { timeAgo, duration, shortSha } from './format';
export { CardBody } from './CardBody';
