import { CERT, PROVINCE, demoOrigin } from './certifications.ts';
import { DEMO_PAIRINGS, pairingTri } from './pairings.ts';
import { demoEntry, t, type BaseSpec, type DemoEntry, type Tri } from './types.ts';

/*
 * 永顺县毛坝乡, paired with 衡阳市蒸湘区 since 2021 — article 001 (衡阳新闻网, 2024, inferred).
 * 莓茶 is the one product the article names. 华达田园 × 青妹子 is an industry partnership,
 * never shown as this product's producer (SEED-FACTS §5).
 */

const PAIRING = pairingTri(DEMO_PAIRINGS.zhengxiangMaoba);

const STORY_SOURCE = {
  kind: 'article',
  ref: '001',
  note: t(
    '文章001(衡阳新闻网,2024年,推断)。文章未写莓茶的生产者;华达田园与青妹子的合作是产业合作,不是本产品的生产者。',
    '文章001(衡陽新聞網,2024年,推斷)。文章未寫莓茶的生產者;華達田園與青妹子的合作是產業合作,不是本產品的生產者。',
    'Article 001 (Hengyang News, 2024, inferred). It names no producer; the Huada Tianyuan and Qingmeizi cooperation is an industry partnership, not this product’s maker.',
  ),
} as const;

const FUNDS_STUDY_BASE = t(
  '蒸湘区足额拨付60万元帮扶资金,支持毛坝乡产业研学基地及配套设施建设。',
  '蒸湘區足額撥付60萬元幫扶資金,支持毛壩鄉產業研學基地及配套設施建設。',
  "Zhengxiang paid ¥600,000 in assistance funds in full for Maoba's industry study-tour base and its facilities.",
);

const ORIGIN_NOTE = t(
  '县、乡名见文章001;省份为常识,文章未写。',
  '縣、鄉名見文章001;省份為常識,文章未寫。',
  'County and township from article 001; the province is general knowledge, not in the article.',
);

interface Spec extends BaseSpec {
  intro: Tri;
  producer: Tri;
  story: Tri;
  funds: Tri;
}

function maoba(s: Spec): DemoEntry {
  return demoEntry(
    'maoba',
    s,
    s.intro,
    {
      county: t('永顺县', '永順縣', 'Yongshun County'),
      province: PROVINCE.hunan,
      township: t('毛坝乡', '毛壩鄉', 'Maoba Township'),
      producer: s.producer,
      harvest: t('2024年5月(示例)', '2024年5月(示例)', 'May 2024 (demo)'),
      batch: s.batch,
      mapPoint: { x: 0.59, y: 0.69 },
      source: demoOrigin(ORIGIN_NOTE),
    },
    { pairing: PAIRING, text: s.story, funds: s.funds, source: STORY_SOURCE },
  );
}

const TEA_PRODUCER = t('毛坝莓茶专业合作社(示例)', '毛壩莓茶專業合作社(示例)', 'Maoba Vine Tea Co-op (demo)');

export const MAOBA_PRODUCTS: readonly DemoEntry[] = [
  maoba({
    id: 'maoba-vine-tea', art: 'tin', priceFen: 5800, unitWeightG: 190, batch: 'DEMO-MB-VT-2405A', producer: TEA_PRODUCER,
    name: t('毛坝莓茶', '毛壩莓茶', 'Maoba Vine Tea'),
    unit: t('罐(100克)', '罐(100克)', 'tin (100 g)'),
    intro: t(
      '莓茶是土家族的传统饮品,以显齿蛇葡萄的嫩茎叶制成,叶面常带白霜般的结晶,入口回甘。',
      '莓茶是土家族的傳統飲品,以顯齒蛇葡萄的嫩莖葉製成,葉面常帶白霜般的結晶,入口回甘。',
      'Vine tea is a traditional Tujia drink made from the young shoots of Ampelopsis grossedentata; the leaves carry a frost-like bloom and leave a sweet aftertaste.',
    ),
    story: t(
      '莓茶是毛坝乡的支柱产业。蒸湘区对口帮扶援建的毛坝乡莓茶展销体验馆近日揭牌;省级龙头企业华达田园生态农业股份有限公司与青妹子农业开发有限公司建立友好合作机制,助推莓茶产业提档升级。',
      '莓茶是毛壩鄉的支柱產業。蒸湘區對口幫扶援建的毛壩鄉莓茶展銷體驗館近日揭牌;省級龍頭企業華達田園生態農業股份有限公司與青妹子農業開發有限公司建立友好合作機制,助推莓茶產業提檔升級。',
      "Vine tea is Maoba's pillar industry. A vine-tea exhibition, sales and experience hall, built in Maoba with Zhengxiang's paired assistance, has just opened; Huada Tianyuan, a provincial leading agricultural enterprise, has teamed up with Qingmeizi Agricultural Development to upgrade the vine-tea industry.",
    ),
    funds: FUNDS_STUDY_BASE,
    certs: [CERT.povertyProduct, CERT.greenFood],
  }),
  maoba({
    id: 'maoba-vine-tea-gift', art: 'gift', priceFen: 12800, unitWeightG: 520, batch: 'DEMO-MB-VTG-2405A', producer: TEA_PRODUCER,
    name: t('毛坝莓茶礼盒', '毛壩莓茶禮盒', 'Maoba Vine Tea Gift Box'),
    unit: t('盒(2罐×100克)', '盒(2罐×100克)', 'box (2 × 100 g tins)'),
    intro: t('两罐装莓茶礼盒,适合节日馈赠。', '兩罐裝莓茶禮盒,適合節日饋贈。', 'Two tins of vine tea in a gift box, for festive giving.'),
    story: t(
      '去年以来,毛坝特色产品在企业电商平台同步上线;借助“蒸情湘约 乐享消费”主题消费活动,蒸湘设立了毛坝乡农特产品展销专区。“澧水南源‘蒸’情涌,蒸湘河畔莓茶甜。”',
      '去年以來,毛壩特色產品在企業電商平臺同步上線;借助「蒸情湘約 樂享消費」主題消費活動,蒸湘設立了毛壩鄉農特產品展銷專區。「澧水南源『蒸』情湧,蒸湘河畔莓茶甜。」',
      "Since last year Maoba's specialty products have been sold on enterprise e-commerce platforms, and Zhengxiang set up a Maoba sales zone at its “Zhengqing Xiangyue” consumption campaign. As the article closes: “By the Zhengxiang river, the vine tea tastes sweet.”",
    ),
    funds: FUNDS_STUDY_BASE,
    certs: [CERT.povertyProduct],
  }),
  maoba({
    id: 'maoba-specialty-box', art: 'crate-veg', priceFen: 9900, unitWeightG: 2100, batch: 'DEMO-MB-BOX-2408A',
    producer: t('毛坝乡农特产品联营(示例)', '毛壩鄉農特產品聯營(示例)', 'Maoba Produce Partners (demo)'),
    name: t('毛坝乡农特产品组合(示例)', '毛壩鄉農特產品組合(示例)', 'Maoba Farm Specialties Box (demo)'),
    unit: t('箱(约2公斤)', '箱(約2公斤)', 'box (about 2 kg)'),
    intro: t(
      '演示商品:文章未点名毛坝乡除莓茶以外的农特产品,箱内组合为示例。',
      '演示商品:文章未點名毛壩鄉除莓茶以外的農特產品,箱內組合為示例。',
      'Demo product: the article names no Maoba specialty other than vine tea, so this mix is an example.',
    ),
    story: t(
      '继2023年在世纪华联超市、品稻生鲜等商贸流通企业开设永顺消费帮扶专区之后,2024年蒸湘区发挥全区工会组织力量,通过相关平台采购毛坝乡农特产品。',
      '繼2023年在世紀華聯超市、品稻生鮮等商貿流通企業開設永順消費幫扶專區之後,2024年蒸湘區發揮全區工會組織力量,通過相關平臺採購毛壩鄉農特產品。',
      "After opening Yongshun consumption-assistance counters in retailers such as Shiji Hualian supermarkets and Pindao Fresh in 2023, Zhengxiang's trade unions went on in 2024 to buy Maoba farm specialties through the relevant platforms.",
    ),
    funds: t(
      '2024年蒸湘区对毛坝乡的财政投入力度“只增不减”(文章未给出金额)。',
      '2024年蒸湘區對毛壩鄉的財政投入力度「只增不減」(文章未給出金額)。',
      'In 2024 Zhengxiang’s fiscal input to Maoba was to go “only up, never down” (the article gives no amount).',
    ),
    certs: [CERT.povertyProduct, CERT.traceCode],
  }),
];
