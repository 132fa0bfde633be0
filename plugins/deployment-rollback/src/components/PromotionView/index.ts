export { PromotionView } from './PromotionView';
export { mergeEnvironmentOrder, promotionOf } from './promotion';
