import { CERT, PROVINCE, demoOrigin } from './certifications.ts';
import { DEMO_PAIRINGS, pairingTri } from './pairings.ts';
import { demoEntry, joinTri, t, type BaseSpec, type DemoEntry, type Tri } from './types.ts';

/*
 * 东源县 (河源市), paired with 盐田区 — article 002 (盐田融媒, 2020-09-09).
 * The article lists 果蔬、鸡蛋、大米、腐竹、茶油、茶叶、黄酒 at the 盐田 centre and says the
 * centre sells "34种来自东源本土的农副产品": a 东源 origin is implied, not stated per item.
 * The 4,230 households are the whole 东源 platform's total and are only ever shown as such.
 */

const PAIRING = pairingTri(DEMO_PAIRINGS.yantianDongyuan);

const LEAD = t(
  '盐田区消费扶贫展销中心里,果蔬、鸡蛋、大米、腐竹、茶油、茶叶、黄酒等原生态农产品应有尽有,可任意选购34种来自东源本土的农副产品。',
  '鹽田區消費扶貧展銷中心裡,果蔬、雞蛋、大米、腐竹、茶油、茶葉、黃酒等原生態農產品應有盡有,可任意選購34種來自東源本土的農副產品。',
  "At Yantian's consumption poverty-alleviation exhibition and sales centre, fruit and vegetables, eggs, rice, dried tofu skin, camellia oil, tea, yellow rice wine and more are on offer: 34 kinds of local produce from Dongyuan.",
);

const STORY_SOURCE = {
  kind: 'article',
  ref: '002',
  note: t(
    '文章002(盐田融媒,2020-09-09)。文章未逐项说明各产品的产地;东源来源由“34种来自东源本土的农副产品”一句推断。',
    '文章002(鹽田融媒,2020-09-09)。文章未逐項說明各產品的產地;東源來源由「34種來自東源本土的農副產品」一句推斷。',
    'Article 002 (Yantian Media, 2020-09-09). It does not give each item’s origin; Dongyuan is implied by “34 kinds of local Dongyuan produce”.',
  ),
} as const;

export const FUNDS_RESERVED = t(
  '盐田区督促各级预算单位预留不低于30%的扶贫产品采购份额,定向采购对口帮扶地区扶贫产品。',
  '鹽田區督促各級預算單位預留不低於30%的扶貧產品採購份額,定向採購對口幫扶地區扶貧產品。',
  'Yantian requires its budget units to reserve at least 30% of their procurement for poverty-alleviation products from its paired areas.',
);

const FUNDS_UNION = t(
  '盐田鼓励各级工会在法定节日使用本级工会经费购买扶贫产品。',
  '鹽田鼓勵各級工會在法定節日使用本級工會經費購買扶貧產品。',
  'Yantian encourages trade unions to spend their own union funds on poverty-alleviation products on statutory holidays.',
);

const ORIGIN_NOTE = t(
  '县名见文章002(推断);省份为常识,文章未写。',
  '縣名見文章002(推斷);省份為常識,文章未寫。',
  'County from article 002 (implied); the province is general knowledge, not in the article.',
);

interface Spec extends BaseSpec {
  intro: Tri;
  producer: Tri;
  harvest: Tri;
  story: Tri;
  funds?: Tri;
}

function dongyuan(s: Spec): DemoEntry {
  return demoEntry(
    'dongyuan',
    s,
    s.intro,
    {
      county: t('河源市东源县', '河源市東源縣', 'Dongyuan County, Heyuan'),
      province: PROVINCE.guangdong,
      township: t('东源县山区乡镇(示例)', '東源縣山區鄉鎮(示例)', 'A mountain township of Dongyuan (demo)'),
      producer: s.producer,
      harvest: s.harvest,
      batch: s.batch,
      mapPoint: { x: 0.67, y: 0.84 },
      source: demoOrigin(ORIGIN_NOTE),
    },
    { pairing: PAIRING, text: joinTri(LEAD, s.story), funds: s.funds ?? FUNDS_RESERVED, source: STORY_SOURCE },
  );
}

const AUTUMN = t('2024年10月(示例)', '2024年10月(示例)', 'October 2024 (demo)');

export const DONGYUAN_PRODUCTS: readonly DemoEntry[] = [
  dongyuan({
    id: 'dongyuan-veg-box', art: 'crate-veg', priceFen: 5980, unitWeightG: 3000, batch: 'DEMO-DY-VEG-2410A', harvest: AUTUMN,
    name: t('东源时令蔬菜箱', '東源時令蔬菜箱', 'Dongyuan Seasonal Vegetable Box'),
    unit: t('箱(约3公斤)', '箱(約3公斤)', 'box (about 3 kg)'),
    intro: t('当季采收的山区蔬菜组合,品种随季节调整,够一家人吃上一周。', '當季採收的山區蔬菜組合,品種隨季節調整,夠一家人吃上一週。', 'Mountain vegetables picked in season; the mix changes with the season and feeds a family for a week.'),
    producer: t('东源山地蔬菜合作社(示例)', '東源山地蔬菜合作社(示例)', 'Dongyuan Hill Vegetable Co-op (demo)'),
    story: t('扫描货架上的二维码,就能直接订购大山里的绿色健康农特产品。', '掃描貨架上的二維碼,就能直接訂購大山裡的綠色健康農特產品。', 'Scan the QR code on the shelf to order green, healthy produce from the mountains directly.'),
    certs: [CERT.povertyProduct, CERT.traceCode],
  }),
  dongyuan({
    id: 'dongyuan-fruit-box', art: 'crate-fruit', priceFen: 6980, unitWeightG: 2500, batch: 'DEMO-DY-FRT-2410A', harvest: AUTUMN,
    name: t('东源时令水果箱', '東源時令水果箱', 'Dongyuan Seasonal Fruit Box'),
    unit: t('箱(约2.5公斤)', '箱(約2.5公斤)', 'box (about 2.5 kg)'),
    intro: t('当季成熟的山地水果组合,随采随发,品种以当月为准。', '當季成熟的山地水果組合,隨採隨發,品種以當月為準。', 'Hill-grown fruit in season, packed as it is picked; the varieties depend on the month.'),
    producer: t('东源果园合作社(示例)', '東源果園合作社(示例)', 'Dongyuan Orchard Co-op (demo)'),
    story: t('盐田希望通过消费扶贫,丰富本地的“菜篮子”“米袋子”“果盘子”供给。', '鹽田希望通過消費扶貧,豐富本地的「菜籃子」「米袋子」「果盤子」供給。', 'Through consumption poverty alleviation, Yantian aims to fill its “vegetable basket”, “rice bag” and “fruit plate”.'),
    certs: [CERT.povertyProduct, CERT.greenFood],
  }),
  dongyuan({
    id: 'dongyuan-greens', art: 'greens', priceFen: 1280, unitWeightG: 500, batch: 'DEMO-DY-GRN-2410B', harvest: AUTUMN,
    name: t('东源农家青菜', '東源農家青菜', 'Dongyuan Farm Greens'),
    unit: t('袋(500克)', '袋(500克)', 'bag (500 g)'),
    intro: t('山区菜地种植的叶菜,清晨采摘,当日上架。', '山區菜地種植的葉菜,清晨採摘,當日上架。', 'Leafy greens from mountain plots, picked at dawn and shelved the same day.'),
    producer: t('东源菜园合作社(示例)', '東源菜園合作社(示例)', 'Dongyuan Garden Co-op (demo)'),
    story: t('盐田引导区机关食堂、医院、学校等单位采购对口扶贫地区的扶贫产品。', '鹽田引導區機關食堂、醫院、學校等單位採購對口扶貧地區的扶貧產品。', 'Yantian steers its government canteens, hospitals and schools to buy poverty-alleviation products from its paired areas.'),
    certs: [CERT.povertyProduct],
  }),
  dongyuan({
    id: 'dongyuan-eggs', art: 'eggs', priceFen: 2580, unitWeightG: 620, batch: 'DEMO-DY-EGG-2410C', harvest: AUTUMN,
    name: t('东源鸡蛋', '東源雞蛋', 'Dongyuan Eggs'),
    unit: t('盒(10枚)', '盒(10枚)', 'box of 10'),
    intro: t('山区农户饲养的母鸡所产鸡蛋,每盒10枚。', '山區農戶飼養的母雞所產雞蛋,每盒10枚。', 'Eggs from hens kept by mountain farm households, ten to a box.'),
    producer: t('东源山林养鸡场(示例)', '東源山林養雞場(示例)', 'Dongyuan Hillside Poultry Farm (demo)'),
    story: t(
      '展销中心设有“农特产品AI数字导购智能货架”:产品被拿起时,屏幕实时显示它的简介、来源和背后的帮扶故事。',
      '展銷中心設有「農特產品AI數字導購智能貨架」:產品被拿起時,螢幕實時顯示它的簡介、來源和背後的幫扶故事。',
      'The centre has an “AI digital shopping-guide smart shelf”: when a product is lifted, a screen shows its introduction, origin and the assistance story behind it in real time.',
    ),
    certs: [CERT.povertyProduct, CERT.traceCode],
  }),
  dongyuan({
    id: 'dongyuan-rice', art: 'sack', priceFen: 6880, unitWeightG: 5000, batch: 'DEMO-DY-RCE-2409A',
    harvest: t('2024年9月(示例)', '2024年9月(示例)', 'September 2024 (demo)'),
    name: t('东源大米', '東源大米', 'Dongyuan Rice'),
    unit: t('袋(5公斤)', '袋(5公斤)', 'bag (5 kg)'),
    intro: t('山区梯田种植的籼米,米粒细长,煮饭松软。', '山區梯田種植的秈米,米粒細長,煮飯鬆軟。', 'Long-grain rice from mountain terraces; it cooks light and fluffy.'),
    producer: t('东源稻米合作社(示例)', '東源稻米合作社(示例)', 'Dongyuan Rice Co-op (demo)'),
    story: t(
      '副区长罗毅说,消费扶贫是社会各界通过消费来自贫困地区和贫困人口的产品和服务,帮助贫困人口增收脱贫的一种扶贫方式。',
      '副區長羅毅說,消費扶貧是社會各界通過消費來自貧困地區和貧困人口的產品和服務,幫助貧困人口增收脫貧的一種扶貧方式。',
      'Deputy district head Luo Yi put it this way: consumption poverty alleviation means society buying the products and services of poor areas and poor people, helping them earn more and leave poverty behind.',
    ),
    certs: [CERT.povertyProduct, CERT.greenFood],
  }),
  dongyuan({
    id: 'dongyuan-yuba', art: 'yuba', priceFen: 2280, unitWeightG: 260, batch: 'DEMO-DY-YUB-2410A', harvest: AUTUMN,
    name: t('东源腐竹', '東源腐竹', 'Dongyuan Dried Tofu Skin'),
    unit: t('袋(250克)', '袋(250克)', 'bag (250 g)'),
    intro: t('黄豆磨浆加热后,挑起表层的豆皮晾干而成;泡软后可炖可炒。', '黃豆磨漿加熱後,挑起表層的豆皮晾乾而成;泡軟後可燉可炒。', 'Made by heating soy milk, lifting off the skin that forms and drying it; soak it before braising or stir-frying.'),
    producer: t('东源豆制品作坊(示例)', '東源豆製品作坊(示例)', 'Dongyuan Soy Workshop (demo)'),
    story: t(
      '东源县以“政府搭台,企业运营”方式建设了精准扶贫农产品产销对接平台,已引进农业企业52家、培育合作社260家。',
      '東源縣以「政府搭臺,企業運營」方式建設了精準扶貧農產品產銷對接平臺,已引進農業企業52家、培育合作社260家。',
      'Dongyuan built a matching platform between its farm producers and buyers on a “government sets the stage, enterprises run it” model; it has brought in 52 agricultural enterprises and fostered 260 co-operatives.',
    ),
    certs: [CERT.foodLicence, CERT.povertyProduct],
  }),
  dongyuan({
    id: 'dongyuan-camellia-oil', art: 'bottle', priceFen: 8800, unitWeightG: 700, batch: 'DEMO-DY-OIL-2411A',
    harvest: t('2024年11月(示例)', '2024年11月(示例)', 'November 2024 (demo)'),
    name: t('东源茶油', '東源茶油', 'Dongyuan Camellia Oil'),
    unit: t('瓶(500毫升)', '瓶(500毫升)', 'bottle (500 ml)'),
    intro: t('油茶籽压榨的食用油,色泽金黄,适合炒菜和凉拌。', '油茶籽壓榨的食用油,色澤金黃,適合炒菜和涼拌。', 'Cooking oil pressed from oil-tea camellia seeds; golden, good for stir-frying and dressings.'),
    producer: t('东源油茶合作社(示例)', '東源油茶合作社(示例)', 'Dongyuan Oil-Tea Co-op (demo)'),
    story: t(
      '东源县产销对接平台带动贫困户4230户脱贫——这是整个平台的总数,不是这一款产品的数字。',
      '東源縣產銷對接平臺帶動貧困戶4230戶脫貧——這是整個平臺的總數,不是這一款產品的數字。',
      "Dongyuan's matching platform has helped 4,230 poor households out of poverty; that is the total for the whole platform, not a figure for this product.",
    ),
    certs: [CERT.foodLicence, CERT.greenFood],
  }),
  dongyuan({
    id: 'dongyuan-tea', art: 'tin', priceFen: 6800, unitWeightG: 180, batch: 'DEMO-DY-TEA-2404A',
    harvest: t('2024年春(示例)', '2024年春(示例)', 'Spring 2024 (demo)'),
    name: t('东源茶叶', '東源茶葉', 'Dongyuan Tea'),
    unit: t('罐(100克)', '罐(100克)', 'tin (100 g)'),
    intro: t('山区茶园采制的茶叶,条索紧结,适合日常冲泡。', '山區茶園採製的茶葉,條索緊結,適合日常沖泡。', 'Tea picked and made in mountain gardens; tightly rolled leaves for everyday brewing.'),
    producer: t('东源山地茶园(示例)', '東源山地茶園(示例)', 'Dongyuan Hill Tea Garden (demo)'),
    story: t('盐田引导各级各类行业协会、企业开展“以购代捐”“以买代帮”活动。', '鹽田引導各級各類行業協會、企業開展「以購代捐」「以買代幫」活動。', 'Yantian urges trade associations and companies to “buy instead of donating” and to “help by buying”.'),
    funds: FUNDS_UNION,
    certs: [CERT.povertyProduct, CERT.greenFood],
  }),
  dongyuan({
    id: 'dongyuan-huangjiu', art: 'wine-jar', priceFen: 7800, unitWeightG: 2600, batch: 'DEMO-DY-WIN-2401A',
    harvest: t('2024年1月酿造(示例)', '2024年1月釀造(示例)', 'Brewed January 2024 (demo)'),
    name: t('东源黄酒', '東源黃酒', 'Dongyuan Yellow Rice Wine'),
    unit: t('坛(1.5升)', '罈(1.5升)', 'jar (1.5 l)'),
    intro: t('以糯米发酵酿制的黄酒,酒色琥珀,可温饮,也可作料酒。', '以糯米發酵釀製的黃酒,酒色琥珀,可溫飲,也可作料酒。', 'Huangjiu brewed from fermented glutinous rice; amber, drunk warm or used in cooking.'),
    producer: t('东源农家酒坊(示例)', '東源農家酒坊(示例)', 'Dongyuan Farmhouse Winery (demo)'),
    story: t(
      '盐田鼓励各级工会在法定节日,用本级工会经费购买扶贫产品作为员工节日慰问。',
      '鹽田鼓勵各級工會在法定節日,用本級工會經費購買扶貧產品作為員工節日慰問。',
      'Yantian encourages trade unions to buy poverty-alleviation products with union funds as holiday gifts for staff.',
    ),
    certs: [CERT.foodLicence],
  }),
  dongyuan({
    id: 'dongyuan-selection', art: 'gift', priceFen: 16800, unitWeightG: 4200, batch: 'DEMO-DY-SEL-2411A',
    harvest: t('2024年11月装箱(示例)', '2024年11月裝箱(示例)', 'Packed November 2024 (demo)'),
    name: t('东源农副产品精选礼盒', '東源農副產品精選禮盒', 'Dongyuan Produce Gift Box'),
    unit: t('盒(6件)', '盒(6件)', 'box of 6 items'),
    intro: t('从展销中心的东源农副产品中挑选6件组成的礼盒(组合内容为示例)。', '從展銷中心的東源農副產品中挑選6件組成的禮盒(組合內容為示例)。', "Six items chosen from the centre's Dongyuan produce (the selection is demo content)."),
    producer: t('东源农副产品联营(示例)', '東源農副產品聯營(示例)', 'Dongyuan Produce Partners (demo)'),
    story: t(
      '东源县产销对接平台已建立长效农业特色产业197个,带动贫困户4230户脱贫(均为全平台总数)。',
      '東源縣產銷對接平臺已建立長效農業特色產業197個,帶動貧困戶4230戶脫貧(均為全平臺總數)。',
      "Dongyuan's matching platform has set up 197 long-term specialty industries and helped 4,230 poor households out of poverty (both are platform-wide totals).",
    ),
    certs: [CERT.povertyProduct, CERT.traceCode],
  }),
];
