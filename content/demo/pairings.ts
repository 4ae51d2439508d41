import { pairingLine, type Pairing } from '../../contract/authoring.ts';
import { t, type Source, type Tri } from './types.ts';

/*
 * The paired-assistance relations the seed articles state (SEED-FACTS §1, "Paired-assistance
 * relationships"), as authoring records. Every one cites its article; helper and helped are
 * written as the article names them (盐田区, not 深圳市盐田区: the city is general knowledge).
 * A product's pairing line is `pairingTri()` of its record, so the kiosk's demo package and a
 * platform publish of the seeded catalogue (contract foldProduct) show the same line.
 */

/** A pairing with every text in all three shipped locales. */
export interface DemoPairing extends Pairing {
  helper: Tri;
  helped: Tri;
  text: Tri;
  source: Source & { kind: 'article'; ref: string; note: Tri };
}

function cite(ref: '000' | '001' | '002' | '004', zhCN: string, zhTW: string, en: string): DemoPairing['source'] {
  return { kind: 'article', ref, note: t(zhCN, zhTW, en) };
}

const YANTIAN = t('盐田区', '鹽田區', 'Yantian District');
const HENGYANG = t('衡阳市', '衡陽市', 'Hengyang');
const PAIRED_002 = t('对口扶贫', '對口扶貧', 'paired poverty alleviation');
const AID_000 = t('对口援助', '對口援助', 'paired aid');
const QUOTE_000 = cite(
  '000',
  '文章000:“我市对口援助的花垣县、鄯善县”;“我市”推断为衡阳市(同版其他报道均写衡阳)。',
  '文章000:「我市對口援助的花垣縣、鄯善縣」;「我市」推斷為衡陽市(同版其他報道均寫衡陽)。',
  'Article 000: “the counties our city aids, Huayuan and Shanshan”; “our city” is read as Hengyang (the page’s other stories are about Hengyang).',
);
const QUOTE_002 = (zhCN: string, zhTW: string, en: string) => cite('002', `文章002(盐田融媒,2020-09-09):${zhCN}`, `文章002(鹽田融媒,2020-09-09):${zhTW}`, `Article 002 (Yantian Media, 2020-09-09): ${en}`);

/** The records, by id (ids are stable: products and the platform's records refer to them). */
export const DEMO_PAIRINGS = {
  yantianDongyuan: {
    id: 'yantian-dongyuan', helper: YANTIAN, helped: t('河源市东源县', '河源市東源縣', 'Dongyuan County, Heyuan'), text: PAIRED_002,
    source: QUOTE_002('“盐田区对口扶贫的河源市东源县”。', '「鹽田區對口扶貧的河源市東源縣」。', '“Dongyuan County of Heyuan, Yantian’s paired poverty-alleviation area”.'),
  },
  yantianLeye: {
    id: 'yantian-leye', helper: YANTIAN, helped: t('广西乐业县', '廣西樂業縣', 'Leye County, Guangxi'), text: PAIRED_002,
    source: QUOTE_002('“对口广西乐业县、凌云县”。', '「對口廣西樂業縣、凌雲縣」。', '“paired with Leye and Lingyun counties in Guangxi”.'),
  },
  yantianLingyun: {
    id: 'yantian-lingyun', helper: YANTIAN, helped: t('广西凌云县', '廣西凌雲縣', 'Lingyun County, Guangxi'), text: PAIRED_002,
    source: QUOTE_002('“对口广西乐业县、凌云县”。', '「對口廣西樂業縣、凌雲縣」。', '“paired with Leye and Lingyun counties in Guangxi”.'),
  },
  zhengxiangMaoba: {
    id: 'zhengxiang-maoba', helper: t('衡阳市蒸湘区', '衡陽市蒸湘區', 'Zhengxiang District, Hengyang'), helped: t('永顺县毛坝乡', '永順縣毛壩鄉', 'Maoba Township, Yongshun County'),
    text: t('结对帮扶(2021年起)', '結對幫扶(2021年起)', 'paired assistance since 2021'), since: 2021,
    source: cite('001', '文章001:“自2021年蒸湘区结对帮扶永顺县毛坝乡以来”。', '文章001:「自2021年蒸湘區結對幫扶永順縣毛壩鄉以來」。', 'Article 001: “since Zhengxiang District paired with Maoba Township of Yongshun County in 2021”.'),
  },
  lianheMaoba: {
    id: 'lianhe-maoba', helper: t('蒸湘区联合街道', '蒸湘區聯合街道', 'Lianhe Subdistrict, Zhengxiang'), helped: t('毛坝乡', '毛壩鄉', 'Maoba Township'),
    text: t('“党建+对口帮扶”友好镇街结对共建', '「黨建+對口幫扶」友好鎮街結對共建', 'Party-building and paired-assistance twinning'), since: 2024,
    source: cite(
      '001',
      '文章001:“蒸湘区联合街道与毛坝乡签订‘党建+对口帮扶’友好镇街结对共建备忘录”(2024年初)。“联合街道”按“友好镇街”读作街道名。',
      '文章001:「蒸湘區聯合街道與毛壩鄉簽訂『黨建+對口幫扶』友好鎮街結對共建備忘錄」(2024年初)。「聯合街道」按「友好鎮街」讀作街道名。',
      'Article 001: Lianhe Subdistrict of Zhengxiang and Maoba Township signed a “Party-building plus paired assistance” twinning memorandum (early 2024). “联合街道” is read as the subdistrict’s name, as “友好镇街” suggests.',
    ),
  },
  tuqiaoMaoba: {
    id: 'tuqiao-maoba', helper: t('呆鹰岭镇土桥村', '呆鷹嶺鎮土橋村', 'Tuqiao Village, Daiyingling Town'), helped: t('毛坝乡毛坝村', '毛壩鄉毛壩村', 'Maoba Village, Maoba Township'),
    text: t('结对帮扶协作', '結對幫扶協作', 'paired assistance'),
    source: cite('001', '文章001:土桥村与毛坝乡毛坝村“开展结对帮扶协作”。', '文章001:土橋村與毛壩鄉毛壩村「開展結對幫扶協作」。', 'Article 001: Tuqiao Village and Maoba Village of Maoba Township “carry out paired assistance”.'),
  },
  hengyangHuayuan: { id: 'hengyang-huayuan', helper: HENGYANG, helped: t('花垣县', '花垣縣', 'Huayuan County'), text: AID_000, source: QUOTE_000 },
  hengyangShanshan: { id: 'hengyang-shanshan', helper: HENGYANG, helped: t('鄯善县', '鄯善縣', 'Shanshan County'), text: AID_000, source: QUOTE_000 },
  qingdaoLongnan: {
    id: 'qingdao-longnan', helper: t('青岛市', '青島市', 'Qingdao'), helped: t('陇南市', '隴南市', 'Longnan'),
    text: t('结对帮扶(2016年10月起)', '結對幫扶(2016年10月起)', 'paired assistance since October 2016'), since: 2016,
    source: cite('004', '文章004(甘肃日报,2023-07-18):“自2016年10月陇南与青岛建立结对帮扶关系以来”。', '文章004(甘肅日報,2023-07-18):「自2016年10月隴南與青島建立結對幫扶關係以來」。', 'Article 004 (Gansu Daily, 2023-07-18): “since Longnan and Qingdao formed a paired-assistance relationship in October 2016”.'),
  },
  eastGansu: {
    id: 'east-gansu', helper: t('天津、山东等东部省市', '天津、山東等東部省市', 'Tianjin, Shandong and other eastern partners'), helped: t('甘肃省', '甘肅省', 'Gansu'),
    text: t('东西部协作消费帮扶', '東西部協作消費幫扶', 'East–West cooperation'),
    source: cite(
      '004',
      '文章004:甘肃省各地各部门“积极与对口帮扶的天津、山东等东部省市沟通对接”。文章未说明甘肃哪一地与哪一方结对。',
      '文章004:甘肅省各地各部門「積極與對口幫扶的天津、山東等東部省市溝通對接」。文章未說明甘肅哪一地與哪一方結對。',
      'Article 004: Gansu’s localities and departments work with “Tianjin, Shandong and the other eastern provinces and cities that assist them”. It does not say which part of Gansu pairs with which partner.',
    ),
  },
  armyGansuVillages: {
    id: 'army-gansu-villages', helper: t('省军区等单位', '省軍區等單位', 'Provincial Military District and others'), helped: t('甘肃定点帮扶村', '甘肅定點幫扶村', 'designated assisted villages in Gansu'),
    text: t('定点帮扶', '定點幫扶', 'designated assistance'),
    source: cite('004', '文章004:“省军区设立年度定向采购预算,通过协议等方式直接采购定点帮扶村农副产品”。', '文章004:「省軍區設立年度定向採購預算,通過協議等方式直接採購定點幫扶村農副產品」。', 'Article 004: the Provincial Military District “sets an annual targeted-purchase budget and buys produce directly from its designated assisted villages”.'),
  },
} as const satisfies Record<string, DemoPairing>;

/** Every pairing record, in a fixed order. */
export const DEMO_PAIRING_LIST: readonly DemoPairing[] = Object.values(DEMO_PAIRINGS);

/** A product's pairing line: exactly what contract `pairingLine()` folds from the record. */
export function pairingTri(p: DemoPairing): Tri {
  const line = pairingLine(p);
  return t(line['zh-CN'], line['zh-TW'] ?? line['zh-CN'], line.en ?? line['zh-CN']);
}
