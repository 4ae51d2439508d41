import { t, type Source, type Tri } from './types.ts';

/*
 * Certifications in the demo catalogue are invented: no article names one for any
 * product. Every label says "示例 / demo" so a shopper never reads it as a real claim.
 */
export const CERT = {
  povertyProduct: t('扶贫产品认定(示例)', '扶貧產品認定(示例)', 'Recognised assistance product (demo)'),
  greenFood: t('绿色食品认证(示例)', '綠色食品認證(示例)', 'Green Food certification (demo)'),
  geoIndication: t('地理标志产品(示例)', '地理標誌產品(示例)', 'Geographical indication (demo)'),
  foodLicence: t('食品生产许可 SC(示例)', '食品生產許可 SC(示例)', 'Food production licence SC (demo)'),
  traceCode: t('贴有溯源码(示例)', '貼有溯源碼(示例)', 'Traceability code attached (demo)'),
} as const satisfies Record<string, Tri>;

/** Origin facts whose producer, township, harvest and batch were written by the team. */
export function demoOrigin(countyNote: Tri): Source {
  return {
    kind: 'demo',
    note: t(
      `生产者、乡镇、采收期和批次为演示内容。${countyNote['zh-CN']}`,
      `生產者、鄉鎮、採收期和批次為演示內容。${countyNote['zh-TW']}`,
      `Producer, township, harvest and batch are demo text. ${countyNote.en}`,
    ),
  };
}

/** Province names below are general knowledge unless the article states them. */
export const PROVINCE = {
  guangdong: t('广东省', '廣東省', 'Guangdong'),
  hunan: t('湖南省', '湖南省', 'Hunan'),
  gansu: t('甘肃省', '甘肅省', 'Gansu'),
  xinjiang: t('新疆维吾尔自治区', '新疆維吾爾自治區', 'Xinjiang'),
  guangxi: t('广西壮族自治区', '廣西壯族自治區', 'Guangxi'),
} as const satisfies Record<string, Tri>;
