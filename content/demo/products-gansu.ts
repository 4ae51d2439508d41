import { CERT, PROVINCE, demoOrigin } from './certifications.ts';
import { DEMO_PAIRINGS, pairingTri } from './pairings.ts';
import { demoEntry, joinTri, t, type BaseSpec, type DemoEntry, type RegionId, type Source, type Tri } from './types.ts';

/*
 * 甘肃 — article 004 (甘肃日报, 2023-07-18). It names 兰州百合, 静宁苹果, 定西马铃薯 and
 * 陇南大红袍花椒 but no helper for any one of them; only 陇南's pairing with 青岛 is stated.
 * Every ¥ figure here is a province-wide or 陇南-wide total and is labelled so.
 */

const ARTICLE = 'Article 004 (Gansu Daily, 2023-07-18).';

function storySource(noteCN: string, noteTW: string, noteEn: string): Source {
  return { kind: 'article', ref: '004', note: t(`文章004(甘肃日报,2023-07-18)。${noteCN}`, `文章004(甘肅日報,2023-07-18)。${noteTW}`, `${ARTICLE} ${noteEn}`) };
}

const NO_HELPER = storySource(
  '文章未说明本产品对应的帮扶方;天津、山东是甘肃整体的东部协作伙伴。',
  '文章未說明本產品對應的幫扶方;天津、山東是甘肅整體的東部協作夥伴。',
  "It names no helper for this product; Tianjin and Shandong are Gansu's eastern partners in general.",
);
const LONGNAN_ONLY = storySource(
  '文章只说明陇南与青岛的结对关系,未说明本产品的具体帮扶方;金额均为陇南农产品的总数。',
  '文章只說明隴南與青島的結對關係,未說明本產品的具體幫扶方;金額均為隴南農產品的總數。',
  "It states only Longnan's pairing with Qingdao, not a helper for this product; the amounts are totals for all Longnan produce.",
);

const PAIRING_GANSU = pairingTri(DEMO_PAIRINGS.eastGansu);
const PAIRING_QINGDAO = pairingTri(DEMO_PAIRINGS.qingdaoLongnan);

const LEAD = t(
  '甘肃东西狭长的特殊地形、丰富多样的气候环境,孕育了一个个独具地域特色的优质农产品。',
  '甘肅東西狹長的特殊地形、豐富多樣的氣候環境,孕育了一個個獨具地域特色的優質農產品。',
  "Gansu's long, narrow east–west terrain and varied climates produce farm products with a distinct regional character.",
);

const FUNDS_PROVINCE = t(
  '2023年上半年,甘肃省消费帮扶累计直接采购和帮助销售脱贫地区农产品150.8亿元(全省总数,不是本产品的数字)。',
  '2023年上半年,甘肅省消費幫扶累計直接採購和幫助銷售脫貧地區農產品150.8億元(全省總數,不是本產品的數字)。',
  'In the first half of 2023, consumption assistance in Gansu bought or helped sell ¥15.08 billion of farm products from areas lifted out of poverty (a province-wide total, not this product’s).',
);

const NOTE_STATED = t('产地和省份见文章004。', '產地和省份見文章004。', 'Place and province are from article 004.');

interface Spec extends BaseSpec {
  region?: RegionId;
  intro: Tri;
  county: Tri;
  producer: Tri;
  harvest: Tri;
  mapPoint: { x: number; y: number };
  pairing?: Tri;
  story: Tri;
  storySource?: Source;
  funds?: Tri;
  originNote?: Tri;
  township?: Tri;
}

function gansu(s: Spec): DemoEntry {
  return demoEntry(
    s.region ?? 'gansu',
    s,
    s.intro,
    {
      county: s.county,
      province: PROVINCE.gansu,
      township: s.township ?? t(`${s.county['zh-CN']}产区乡镇(示例)`, `${s.county['zh-TW']}產區鄉鎮(示例)`, `A growing township near ${s.county.en} (demo)`),
      producer: s.producer,
      harvest: s.harvest,
      batch: s.batch,
      mapPoint: s.mapPoint,
      source: demoOrigin(s.originNote ?? NOTE_STATED),
    },
    { pairing: s.pairing ?? PAIRING_GANSU, text: s.story, funds: s.funds ?? FUNDS_PROVINCE, source: s.storySource ?? NO_HELPER },
  );
}

const LANZHOU = t('兰州', '蘭州', 'Lanzhou');
const LONGNAN = t('陇南市', '隴南市', 'Longnan');
const LILY_PRODUCER = t('兰州百合种植合作社(示例)', '蘭州百合種植合作社(示例)', "Lanzhou Lily Growers' Co-op (demo)");
const AUTUMN = t('2024年9月(示例)', '2024年9月(示例)', 'September 2024 (demo)');
const LILY_QUOTE = t('“香甜软糯的兰州百合”——甘肃日报这样形容它。', '「香甜軟糯的蘭州百合」——甘肅日報這樣形容它。', '“Sweet, soft and glutinous” is how the Gansu Daily describes Lanzhou lily.');

export const GANSU_PRODUCTS: readonly DemoEntry[] = [
  gansu({
    id: 'lanzhou-lily', art: 'lily', priceFen: 4980, unitWeightG: 560, batch: 'DEMO-GS-LLY-2409A', county: LANZHOU, producer: LILY_PRODUCER, harvest: AUTUMN,
    mapPoint: { x: 0.49, y: 0.49 },
    name: t('兰州百合(鲜)', '蘭州百合(鮮)', 'Lanzhou Lily Bulbs (fresh)'),
    unit: t('盒(500克)', '盒(500克)', 'box (500 g)'),
    intro: t('兰州出产的食用百合鳞茎,可清炒、煮粥或做甜品。', '蘭州出產的食用百合鱗莖,可清炒、煮粥或做甜品。', 'Edible lily bulbs from Lanzhou; stir-fry them, add them to congee or make desserts.'),
    story: joinTri(LILY_QUOTE, LEAD),
    certs: [CERT.geoIndication, CERT.greenFood],
  }),
  gansu({
    id: 'lanzhou-lily-dried', art: 'pouch', priceFen: 5680, unitWeightG: 270, batch: 'DEMO-GS-LLD-2410A', county: LANZHOU, producer: LILY_PRODUCER, harvest: AUTUMN,
    mapPoint: { x: 0.49, y: 0.49 },
    name: t('兰州百合干', '蘭州百合乾', 'Dried Lanzhou Lily'),
    unit: t('袋(250克)', '袋(250克)', 'bag (250 g)'),
    intro: t('百合鳞片晒干而成,便于存放;泡发后可煲汤、煮粥。', '百合鱗片曬乾而成,便於存放;泡發後可煲湯、煮粥。', 'Sun-dried lily scales that keep well; soak them for soups and congee.'),
    story: joinTri(
      LILY_QUOTE,
      t('2023年元旦、春节“两节”消费旺季,甘肃开展了“消费帮扶新春行动”。', '2023年元旦、春節「兩節」消費旺季,甘肅開展了「消費幫扶新春行動」。', 'During the 2023 New Year and Spring Festival shopping season, Gansu ran a New Year consumption-assistance campaign.'),
    ),
    certs: [CERT.geoIndication, CERT.foodLicence],
  }),
  gansu({
    id: 'jingning-apple', art: 'apple', priceFen: 5980, unitWeightG: 2100, batch: 'DEMO-GS-APL-2410A', harvest: t('2024年10月(示例)', '2024年10月(示例)', 'October 2024 (demo)'),
    county: t('静宁', '靜寧', 'Jingning'), mapPoint: { x: 0.52, y: 0.51 },
    producer: t('静宁果农合作社(示例)', '靜寧果農合作社(示例)', "Jingning Apple Growers' Co-op (demo)"),
    originNote: t('静宁和省份见文章004;“静宁县(平凉市)”为常识。', '靜寧和省份見文章004;「靜寧縣(平涼市)」為常識。', 'Jingning and the province are from article 004; “Jingning County, Pingliang” is general knowledge.'),
    name: t('静宁苹果', '靜寧蘋果', 'Jingning Apples'),
    unit: t('箱(8个,约2公斤)', '箱(8個,約2公斤)', 'box of 8 (about 2 kg)'),
    intro: t('黄土高原上种出的苹果,果肉脆,汁水多。', '黃土高原上種出的蘋果,果肉脆,汁水多。', 'Apples grown on the Loess Plateau: crisp flesh and plenty of juice.'),
    story: joinTri(
      t('“清甜爽脆的静宁苹果”——甘肃日报这样形容它。', '「清甜爽脆的靜寧蘋果」——甘肅日報這樣形容它。', '“Refreshingly sweet and crisp” is how the Gansu Daily describes Jingning apples.'),
      t('甘肃推动脱贫地区产品进机关、进学校、进医院、进企业、进军营,即“五进”活动。', '甘肅推動脫貧地區產品進機關、進學校、進醫院、進企業、進軍營,即「五進」活動。', 'Gansu brings products from areas lifted out of poverty into government offices, schools, hospitals, enterprises and barracks: the “five entries”.'),
    ),
    certs: [CERT.geoIndication, CERT.greenFood],
  }),
  gansu({
    id: 'dingxi-potato', art: 'potato', priceFen: 1990, unitWeightG: 2500, batch: 'DEMO-GS-POT-2409A', harvest: AUTUMN,
    county: t('定西', '定西', 'Dingxi'), mapPoint: { x: 0.51, y: 0.5 },
    producer: t('定西马铃薯合作社(示例)', '定西馬鈴薯合作社(示例)', 'Dingxi Potato Co-op (demo)'),
    name: t('定西马铃薯', '定西馬鈴薯', 'Dingxi Potatoes'),
    unit: t('袋(2.5公斤)', '袋(2.5公斤)', 'bag (2.5 kg)'),
    intro: t('高原冷凉气候下种植的马铃薯,适合炖、炒、蒸。', '高原冷涼氣候下種植的馬鈴薯,適合燉、炒、蒸。', 'Potatoes grown in a cool highland climate; good braised, stir-fried or steamed.'),
    story: joinTri(
      t('“口感醇香的定西马铃薯”——甘肃日报这样形容它。', '「口感醇香的定西馬鈴薯」——甘肅日報這樣形容它。', '“Rich and mellow” is how the Gansu Daily describes Dingxi potatoes.'),
      t('甘肃围绕“帮销、促产、疏浚、解困”四大领域,推进110项省级消费帮扶重点工作事项。', '甘肅圍繞「幫銷、促產、疏浚、解困」四大領域,推進110項省級消費幫扶重點工作事項。', "Gansu's plan covers four areas (helping sales, promoting production, clearing channels, relieving difficulties) with 110 province-level key tasks."),
    ),
    certs: [CERT.geoIndication, CERT.povertyProduct],
  }),
  gansu({
    id: 'longnan-dahongpao-pepper', region: 'longnan', art: 'pepper', priceFen: 3680, unitWeightG: 115, batch: 'DEMO-LN-PEP-2408A',
    harvest: t('2024年8月(示例)', '2024年8月(示例)', 'August 2024 (demo)'),
    county: LONGNAN, mapPoint: { x: 0.51, y: 0.57 }, pairing: PAIRING_QINGDAO, storySource: LONGNAN_ONLY,
    producer: t('陇南花椒合作社(示例)', '隴南花椒合作社(示例)', 'Longnan Pepper Co-op (demo)'),
    name: t('陇南大红袍花椒', '隴南大紅袍花椒', 'Longnan Dahongpao Sichuan Pepper'),
    unit: t('袋(100克)', '袋(100克)', 'bag (100 g)'),
    intro: t('“大红袍”是花椒的一个品种,颗粒大、麻香足,适合炖肉、卤味和做花椒油。', '「大紅袍」是花椒的一個品種,顆粒大、麻香足,適合燉肉、滷味和做花椒油。', '“Big Red Robe” is a Sichuan pepper variety with large husks and a strong numbing aroma, for braises, marinades and pepper oil.'),
    story: joinTri(
      t('“色红油重的陇南大红袍花椒”——甘肃日报这样形容它。', '「色紅油重的隴南大紅袍花椒」——甘肅日報這樣形容它。', '“Deep red and rich in oil” is how the Gansu Daily describes it.'),
      t(
        '自2016年10月陇南与青岛建立结对帮扶关系以来,青岛“陇货入青”行动直接采购和帮助销售陇南农特产品累计达20多亿元。',
        '自2016年10月隴南與青島建立結對幫扶關係以來,青島「隴貨入青」行動直接採購和幫助銷售隴南農特產品累計達20多億元。',
        'Since Longnan and Qingdao paired up in October 2016, Qingdao’s “Gansu goods into Qingdao” drive has bought or helped sell more than ¥2 billion of Longnan specialties.',
      ),
    ),
    funds: t(
      '2023年4月,“甘味”陇货城市行首站在青岛举办,40家青陇两地企业现场签约购销陇南农产品2.18亿元(所有陇南农产品,不只花椒)。',
      '2023年4月,「甘味」隴貨城市行首站在青島舉辦,40家青隴兩地企業現場簽約購銷隴南農產品2.18億元(所有隴南農產品,不只花椒)。',
      'In April 2023, at the first stop of the “Gan Wei” Gansu goods city tour in Qingdao, 40 companies signed purchases of Longnan farm products worth ¥218 million (all Longnan produce, not just pepper).',
    ),
    certs: [CERT.geoIndication, CERT.foodLicence],
  }),
  gansu({
    id: 'longnan-specialty-box', region: 'longnan', art: 'gift', priceFen: 12800, unitWeightG: 1600, batch: 'DEMO-LN-BOX-2409A',
    harvest: t('2024年9月装箱(示例)', '2024年9月裝箱(示例)', 'Packed September 2024 (demo)'),
    county: LONGNAN, mapPoint: { x: 0.51, y: 0.57 }, pairing: PAIRING_QINGDAO, storySource: LONGNAN_ONLY,
    producer: t('陇南农特产品联营(示例)', '隴南農特產品聯營(示例)', 'Longnan Produce Partners (demo)'),
    name: t('陇南农特产品组合(示例)', '隴南農特產品組合(示例)', 'Longnan Specialties Box (demo)'),
    unit: t('箱(约1.5公斤)', '箱(約1.5公斤)', 'box (about 1.5 kg)'),
    intro: t('演示商品:文章只笼统提到陇南农特产品,箱内组合为示例。', '演示商品:文章只籠統提到隴南農特產品,箱內組合為示例。', 'Demo product: the article speaks of Longnan specialties only in general, so this mix is an example.'),
    story: t(
      '“陇货入青”是东西协作消费帮扶的生动案例。2023年4月21日至23日,“甘味”陇货城市行首站活动暨东西协作购销签约仪式在青岛举办。',
      '「隴貨入青」是東西協作消費幫扶的生動案例。2023年4月21日至23日,「甘味」隴貨城市行首站活動暨東西協作購銷簽約儀式在青島舉辦。',
      '“Gansu goods into Qingdao” is a vivid case of East–West consumption assistance. From 21 to 23 April 2023, Qingdao hosted the first stop of the “Gan Wei” Gansu goods city tour and an East–West purchase signing.',
    ),
    funds: t(
      '青岛“陇货入青”行动直接采购和帮助销售陇南农特产品累计达20多亿元(陇南农特产品总数)。',
      '青島「隴貨入青」行動直接採購和幫助銷售隴南農特產品累計達20多億元(隴南農特產品總數)。',
      'Qingdao’s drive has bought or helped sell more than ¥2 billion of Longnan specialties in all (a total for all Longnan produce).',
    ),
    certs: [CERT.povertyProduct, CERT.traceCode],
  }),
  gansu({
    id: 'gansu-assisted-village-box', art: 'crate-veg', priceFen: 8800, unitWeightG: 3100, batch: 'DEMO-GS-VIL-2410A',
    harvest: t('2024年10月装箱(示例)', '2024年10月裝箱(示例)', 'Packed October 2024 (demo)'),
    county: t('甘肃定点帮扶村', '甘肅定點幫扶村', 'Designated assisted villages'), mapPoint: { x: 0.5, y: 0.52 },
    producer: t('定点帮扶村农民专业合作社(示例)', '定點幫扶村農民專業合作社(示例)', "Assisted villages' farmers' co-op (demo)"),
    pairing: pairingTri(DEMO_PAIRINGS.armyGansuVillages),
    township: t('甘肃脱贫地区乡镇(示例)', '甘肅脫貧地區鄉鎮(示例)', 'A township in a Gansu area lifted out of poverty (demo)'),
    originNote: t('文章004未点名具体的村。', '文章004未點名具體的村。', 'Article 004 names no specific village.'),
    name: t('甘肃帮扶村农副产品组合(示例)', '甘肅幫扶村農副產品組合(示例)', 'Gansu Assisted Villages Produce Box (demo)'),
    unit: t('箱(约3公斤)', '箱(約3公斤)', 'box (about 3 kg)'),
    intro: t('演示商品:文章提到定点帮扶村的农副产品,但未点名品种,箱内组合为示例。', '演示商品:文章提到定點幫扶村的農副產品,但未點名品種,箱內組合為示例。', 'Demo product: the article mentions produce from designated assisted villages but names no items, so this mix is an example.'),
    story: t(
      '甘肃省军区设立年度定向采购预算,通过协议等方式直接采购定点帮扶村农副产品;省卫生健康委支持医疗卫生机构与结对帮扶单位建立直供直销消费关系。',
      '甘肅省軍區設立年度定向採購預算,通過協議等方式直接採購定點幫扶村農副產品;省衛生健康委支持醫療衛生機構與結對幫扶單位建立直供直銷消費關係。',
      "Gansu's Provincial Military District sets an annual budget to buy produce directly from its designated assisted villages, and the provincial health commission backs direct supply between hospitals and their paired units.",
    ),
    funds: t(
      '甘肃鼓励各级预算单位通过优先采购、预留采购份额方式,采购脱贫地区农副产品。',
      '甘肅鼓勵各級預算單位通過優先採購、預留採購份額方式,採購脫貧地區農副產品。',
      'Gansu encourages budget units to buy produce from areas lifted out of poverty first, and to reserve a share of their procurement for it.',
    ),
    certs: [CERT.povertyProduct],
  }),
];
