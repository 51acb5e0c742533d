export { InstanceBanners, instanceBannerText } from './InstanceBanners';
