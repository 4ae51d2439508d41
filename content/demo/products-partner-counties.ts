import { CERT, PROVINCE, demoOrigin } from './certifications.ts';
import { FUNDS_RESERVED } from './products-dongyuan.ts';
import { DEMO_PAIRINGS, pairingTri } from './pairings.ts';
import { demoEntry, joinTri, t, type BaseSpec, type DemoEntry, type RegionId, type Source, type Tri } from './types.ts';

/*
 * Partner counties whose articles name no product: 花垣县 and 鄯善县 (衡阳's paired aid,
 * article 000), 衡阳's own counties (000), 乐业县 and 凌云县 (盐田's pairing, article 002).
 * Each product here is a demo product: its name says "(示例) / (demo)" and its intro says
 * why. The stories use only what the articles say about the pairing.
 */

const SOURCE_000: Source = {
  kind: 'article',
  ref: '000',
  note: t(
    '文章000(衡阳地方报,约2020年8月,推断)。文中“我市”推断为衡阳;文章未点名花垣县、鄯善县的具体产品。',
    '文章000(衡陽地方報,約2020年8月,推斷)。文中「我市」推斷為衡陽;文章未點名花垣縣、鄯善縣的具體產品。',
    'Article 000 (a Hengyang city paper, about August 2020, inferred). “Our city” is read as Hengyang; the article names no specific product from Huayuan or Shanshan.',
  ),
};

const SOURCE_002: Source = {
  kind: 'article',
  ref: '002',
  note: t('文章002(盐田融媒,2020-09-09)。文章未点名乐业县、凌云县的具体产品。', '文章002(鹽田融媒,2020-09-09)。文章未點名樂業縣、凌雲縣的具體產品。', 'Article 002 (Yantian Media, 2020-09-09). It names no specific product from Leye or Lingyun.'),
};

const PLATFORM_000 = t(
  '衡阳市消费扶贫公共服务平台集中展示各县(市)区及对口援助的花垣县、鄯善县的特色农特产品,以“订单农业”模式对接供需。',
  '衡陽市消費扶貧公共服務平臺集中展示各縣(市)區及對口援助的花垣縣、鄯善縣的特色農特產品,以「訂單農業」模式對接供需。',
  "Hengyang's public service platform for consumption poverty alleviation showcases specialties from the city's own counties and from Huayuan and Shanshan, the counties it aids, and matches buyers with supply through order agriculture.",
);
const TRACE_000 = t(
  '平台交易中心内所有产品都贴有溯源码,用手机扫描二维码即可追溯产品源头。',
  '平臺交易中心內所有產品都貼有溯源碼,用手機掃描二維碼即可追溯產品源頭。',
  'Every product in its trading centre carries a traceability code that a phone can scan to trace the product to its source.',
);
const FIELD_TO_TABLE_000 = t(
  '平台打通从田间到餐桌的销售渠道,助推贫困地区农产品“出山进城”。',
  '平臺打通從田間到餐桌的銷售渠道,助推貧困地區農產品「出山進城」。',
  "The platform opens a sales channel from field to table, helping poor areas' produce come “out of the mountains and into the city”.",
);
const ZONES_000 = t(
  '交易中心分为订单区、展示区、体验区、直播区和品牌馆,以“开心农场”模式集展示、销售和体验于一体。',
  '交易中心分為訂單區、展示區、體驗區、直播區和品牌館,以「開心農場」模式集展示、銷售和體驗於一體。',
  'Its trading centre has an order zone, display zone, experience zone, live-streaming zone and brand hall, combining display, sales and experience on a “happy farm” model.',
);
const FUNDS_000 = t(
  '衡阳市当年消费扶贫销售额的目标为8亿元(全市总目标,未按县分解)。',
  '衡陽市當年消費扶貧銷售額的目標為8億元(全市總目標,未按縣分解)。',
  "Hengyang's sales target for consumption poverty alleviation that year was ¥800 million (city-wide, not split by county).",
);
const GUANGXI_002 = t(
  '盐田区对口广西乐业县、凌云县。消费扶贫月期间,盐田将线上平台和线下渠道相结合,促进两县优质特色扶贫产品的销售。',
  '鹽田區對口廣西樂業縣、凌雲縣。消費扶貧月期間,鹽田將線上平臺和線下渠道相結合,促進兩縣優質特色扶貧產品的銷售。',
  "Yantian is paired with Leye and Lingyun counties in Guangxi. During the poverty-alleviation month it set out to sell the two counties' quality specialty products through online platforms and offline channels together.",
);

interface County {
  region: RegionId;
  county: Tri;
  province: Tri;
  pairing: Tri;
  mapPoint: { x: number; y: number };
  source: Source;
  funds: Tri;
  originNote: Tri;
}

const GK_PROVINCE = t('县名见文章;省份为常识,文章未写。', '縣名見文章;省份為常識,文章未寫。', 'County from the article; the province is general knowledge, not in it.');

const HUAYUAN: County = {
  region: 'huayuan', county: t('花垣县', '花垣縣', 'Huayuan County'), province: PROVINCE.hunan, mapPoint: { x: 0.58, y: 0.7 },
  pairing: pairingTri(DEMO_PAIRINGS.hengyangHuayuan),
  source: SOURCE_000, funds: FUNDS_000, originNote: GK_PROVINCE,
};
const SHANSHAN: County = {
  region: 'shanshan', county: t('鄯善县', '鄯善縣', 'Shanshan County'), province: PROVINCE.xinjiang, mapPoint: { x: 0.27, y: 0.3 },
  pairing: pairingTri(DEMO_PAIRINGS.hengyangShanshan),
  source: SOURCE_000, funds: FUNDS_000, originNote: GK_PROVINCE,
};
const HENGYANG: County = {
  region: 'hengyang', county: t('衡阳市各县(市)区', '衡陽市各縣(市)區', 'Counties and districts of Hengyang'), province: PROVINCE.hunan, mapPoint: { x: 0.64, y: 0.75 },
  pairing: t('衡阳市 · 本市各县(市)区', '衡陽市 · 本市各縣(市)區', "Hengyang · the city's own counties and districts"),
  source: SOURCE_000, funds: FUNDS_000, originNote: GK_PROVINCE,
};
const GX_NOTE = t('县名和省份(广西)见文章002。', '縣名和省份(廣西)見文章002。', 'County and province (Guangxi) are from article 002.');
const LEYE: County = {
  region: 'guangxi', county: t('乐业县', '樂業縣', 'Leye County'), province: PROVINCE.guangxi, mapPoint: { x: 0.54, y: 0.81 },
  pairing: pairingTri(DEMO_PAIRINGS.yantianLeye),
  source: SOURCE_002, funds: FUNDS_RESERVED, originNote: GX_NOTE,
};
const LINGYUN: County = {
  ...LEYE, county: t('凌云县', '凌雲縣', 'Lingyun County'), mapPoint: { x: 0.54, y: 0.82 },
  pairing: pairingTri(DEMO_PAIRINGS.yantianLingyun),
};

interface Spec extends BaseSpec {
  /** What the demo product stands in for, e.g. "猕猴桃 / kiwifruit". */
  example: Tri;
  producer: Tri;
  story: Tri;
}

function demoIntro(c: County, example: Tri): Tri {
  return t(
    `演示商品:文章未点名${c.county['zh-CN']}的具体农产品,此处以${example['zh-CN']}为例。`,
    `演示商品:文章未點名${c.county['zh-TW']}的具體農產品,此處以${example['zh-TW']}為例。`,
    `Demo product: the article names no specific product from ${c.county.en}; ${example.en} is used as an example.`,
  );
}

function partner(c: County, s: Spec): DemoEntry {
  return demoEntry(
    c.region,
    s,
    demoIntro(c, s.example),
    {
      county: c.county,
      province: c.province,
      township: t(`${c.county['zh-CN']}乡镇(示例)`, `${c.county['zh-TW']}鄉鎮(示例)`, `A township of ${c.county.en} (demo)`),
      producer: s.producer,
      harvest: t('2024年秋(示例)', '2024年秋(示例)', 'Autumn 2024 (demo)'),
      batch: s.batch,
      mapPoint: c.mapPoint,
      source: demoOrigin(c.originNote),
    },
    { pairing: c.pairing, text: s.story, funds: c.funds, source: c.source },
  );
}

export const PARTNER_COUNTY_PRODUCTS: readonly DemoEntry[] = [
  partner(HUAYUAN, {
    id: 'huayuan-kiwi-demo', art: 'kiwi', priceFen: 5980, unitWeightG: 1300, batch: 'DEMO-HY-KIW-2410A',
    name: t('花垣猕猴桃(示例)', '花垣獼猴桃(示例)', 'Huayuan Kiwifruit (demo)'),
    unit: t('盒(12个,约1.2公斤)', '盒(12個,約1.2公斤)', 'box of 12 (about 1.2 kg)'),
    example: t('猕猴桃', '獼猴桃', 'kiwifruit'),
    producer: t('花垣果农合作社(示例)', '花垣果農合作社(示例)', "Huayuan Fruit Growers' Co-op (demo)"),
    story: joinTri(PLATFORM_000, TRACE_000),
    certs: [CERT.povertyProduct, CERT.traceCode],
  }),
  partner(HUAYUAN, {
    id: 'huayuan-specialty-box-demo', art: 'gift', priceFen: 9800, unitWeightG: 2500, batch: 'DEMO-HY-BOX-2410A',
    name: t('花垣农特产品礼盒(示例)', '花垣農特產品禮盒(示例)', 'Huayuan Specialties Gift Box (demo)'),
    unit: t('盒(5件)', '盒(5件)', 'box of 5 items'),
    example: t('农特产品礼盒', '農特產品禮盒', 'a mixed gift box'),
    producer: t('花垣农特产品联营(示例)', '花垣農特產品聯營(示例)', 'Huayuan Produce Partners (demo)'),
    story: joinTri(PLATFORM_000, FIELD_TO_TABLE_000),
    certs: [CERT.povertyProduct],
  }),
  partner(SHANSHAN, {
    id: 'shanshan-raisins-demo', art: 'raisins', priceFen: 3680, unitWeightG: 520, batch: 'DEMO-SS-RAI-2409A',
    name: t('鄯善葡萄干(示例)', '鄯善葡萄乾(示例)', 'Shanshan Raisins (demo)'),
    unit: t('袋(500克)', '袋(500克)', 'bag (500 g)'),
    example: t('葡萄干', '葡萄乾', 'raisins'),
    producer: t('鄯善葡萄合作社(示例)', '鄯善葡萄合作社(示例)', 'Shanshan Grape Co-op (demo)'),
    story: joinTri(PLATFORM_000, TRACE_000),
    certs: [CERT.povertyProduct, CERT.foodLicence],
  }),
  partner(SHANSHAN, {
    id: 'shanshan-melon-demo', art: 'melon', priceFen: 3980, unitWeightG: 2000, batch: 'DEMO-SS-MEL-2408A',
    name: t('鄯善甜瓜(示例)', '鄯善甜瓜(示例)', 'Shanshan Melon (demo)'),
    unit: t('个(约2公斤)', '個(約2公斤)', 'each (about 2 kg)'),
    example: t('甜瓜', '甜瓜', 'melon'),
    producer: t('鄯善瓜农合作社(示例)', '鄯善瓜農合作社(示例)', "Shanshan Melon Growers' Co-op (demo)"),
    story: joinTri(PLATFORM_000, ZONES_000),
    certs: [CERT.povertyProduct],
  }),
  partner(HENGYANG, {
    id: 'hengyang-county-box-demo', art: 'gift', priceFen: 8800, unitWeightG: 2200, batch: 'DEMO-HG-BOX-2410A',
    name: t('衡阳县域特产礼盒(示例)', '衡陽縣域特產禮盒(示例)', 'Hengyang Counties Specialty Box (demo)'),
    unit: t('盒(5件)', '盒(5件)', 'box of 5 items'),
    example: t('县域特产礼盒', '縣域特產禮盒', 'a county specialty box'),
    producer: t('衡阳县域农特产品联营(示例)', '衡陽縣域農特產品聯營(示例)', 'Hengyang County Produce Partners (demo)'),
    story: joinTri(
      PLATFORM_000,
      t('衡阳提出“一县一特”的思路,与“中国一乡一品产业促进计划”相契合。', '衡陽提出「一縣一特」的思路,與「中國一鄉一品產業促進計劃」相契合。', "Hengyang's idea of “one county, one specialty” fits the national “One Township, One Product” promotion plan."),
    ),
    certs: [CERT.povertyProduct],
  }),
  partner(LEYE, {
    id: 'leye-honey-demo', art: 'honey', priceFen: 6800, unitWeightG: 780, batch: 'DEMO-LY-HON-2409A',
    name: t('乐业山地蜂蜜(示例)', '樂業山地蜂蜜(示例)', 'Leye Mountain Honey (demo)'),
    unit: t('瓶(500克)', '瓶(500克)', 'jar (500 g)'),
    example: t('蜂蜜', '蜂蜜', 'honey'),
    producer: t('乐业养蜂合作社(示例)', '樂業養蜂合作社(示例)', "Leye Beekeepers' Co-op (demo)"),
    story: GUANGXI_002,
    certs: [CERT.povertyProduct, CERT.foodLicence],
  }),
  partner(LINGYUN, {
    id: 'lingyun-tea-demo', art: 'tin', priceFen: 7800, unitWeightG: 185, batch: 'DEMO-LG-TEA-2404A',
    name: t('凌云白毫茶(示例)', '凌雲白毫茶(示例)', 'Lingyun White-Tip Tea (demo)'),
    unit: t('罐(100克)', '罐(100克)', 'tin (100 g)'),
    example: t('白毫茶', '白毫茶', 'white-tip tea'),
    producer: t('凌云山地茶园(示例)', '凌雲山地茶園(示例)', 'Lingyun Hill Tea Garden (demo)'),
    story: joinTri(
      GUANGXI_002,
      t('盐田希望借此丰富本地的“菜篮子”“米袋子”“果盘子”供给。', '鹽田希望藉此豐富本地的「菜籃子」「米袋子」「果盤子」供給。', 'Yantian aims to fill its “vegetable basket”, “rice bag” and “fruit plate” this way.'),
    ),
    certs: [CERT.povertyProduct, CERT.greenFood],
  }),
];
