import { t, type DemoCampaign } from './types.ts';

/** Campaigns shown on the attract screen; every sentence comes from the cited article. */
export const DEMO_CAMPAIGNS: readonly DemoCampaign[] = [
  {
    art: 'month',
    region: 'dongyuan',
    campaign: {
      id: 'consumption-month-2020',
      title: t('全国消费扶贫月 · 以购代捐', '全國消費扶貧月 · 以購代捐', 'Consumption Poverty-Alleviation Month · Buy Instead of Donating'),
      text: t(
        '2020年9月是“全国消费扶贫月”。盐田区发动机关事业单位带头参与,鼓励工会在法定节日用工会经费购买扶贫产品,引导行业协会、企业开展“以购代捐”“以买代帮”活动。',
        '2020年9月是「全國消費扶貧月」。鹽田區發動機關事業單位帶頭參與,鼓勵工會在法定節日用工會經費購買扶貧產品,引導行業協會、企業開展「以購代捐」「以買代幫」活動。',
        'September 2020 was National Consumption Poverty-Alleviation Month. Yantian asked government bodies to lead the way, encouraged trade unions to buy poverty-alleviation products with union funds on holidays, and urged trade associations and companies to buy instead of donating.',
      ),
      featuredProductIds: ['dongyuan-rice', 'dongyuan-camellia-oil', 'dongyuan-tea', 'dongyuan-huangjiu', 'leye-honey-demo', 'lingyun-tea-demo'],
      source: { kind: 'article', ref: '002', note: t('文章002(盐田融媒,2020-09-09)。', '文章002(鹽田融媒,2020-09-09)。', 'Article 002 (Yantian Media, 2020-09-09).') },
    },
  },
  {
    art: 'bridge',
    region: 'longnan',
    campaign: {
      id: 'longhuo-ruqing',
      title: t('陇货入青 · 东西协作消费帮扶', '隴貨入青 · 東西協作消費幫扶', 'Gansu Goods into Qingdao · East–West Assistance'),
      text: t(
        '自2016年10月陇南与青岛建立结对帮扶关系以来,青岛“陇货入青”行动直接采购和帮助销售陇南农特产品累计达20多亿元。2023年4月,40家青陇两地企业在青岛现场签约购销陇南农产品2.18亿元。',
        '自2016年10月隴南與青島建立結對幫扶關係以來,青島「隴貨入青」行動直接採購和幫助銷售隴南農特產品累計達20多億元。2023年4月,40家青隴兩地企業在青島現場簽約購銷隴南農產品2.18億元。',
        "Since Longnan and Qingdao paired up in October 2016, Qingdao's “Gansu goods into Qingdao” drive has bought or helped sell more than ¥2 billion of Longnan specialties. In April 2023, 40 companies from the two cities signed purchases of Longnan farm products worth ¥218 million in Qingdao.",
      ),
      featuredProductIds: ['longnan-dahongpao-pepper', 'longnan-specialty-box'],
      source: { kind: 'article', ref: '004', note: t('文章004(甘肃日报,2023-07-18)。', '文章004(甘肅日報,2023-07-18)。', 'Article 004 (Gansu Daily, 2023-07-18).') },
    },
  },
  {
    art: 'shelf',
    region: 'dongyuan',
    campaign: {
      id: 'yantian-smart-shelf',
      title: t('盐田 → 东源 · 展销中心智能货架', '鹽田 → 東源 · 展銷中心智能貨架', 'Yantian → Dongyuan · The Smart Shelf'),
      text: t(
        '在盐田区消费扶贫展销中心,可任意选购34种来自东源本土的农副产品。拿起货架上的产品,“农特产品AI数字导购智能货架”的屏幕就会实时显示它的简介、来源和背后的帮扶故事;扫描货架上的二维码即可直接订购。',
        '在鹽田區消費扶貧展銷中心,可任意選購34種來自東源本土的農副產品。拿起貨架上的產品,「農特產品AI數字導購智能貨架」的螢幕就會實時顯示它的簡介、來源和背後的幫扶故事;掃描貨架上的二維碼即可直接訂購。',
        "At Yantian's exhibition and sales centre you can choose among 34 kinds of local Dongyuan produce. Lift a product and the “AI digital shopping-guide smart shelf” shows its introduction, origin and assistance story in real time; scan the QR code on the shelf to order directly.",
      ),
      featuredProductIds: ['dongyuan-veg-box', 'dongyuan-fruit-box', 'dongyuan-eggs', 'dongyuan-yuba', 'dongyuan-selection'],
      source: { kind: 'article', ref: '002', note: t('文章002(盐田融媒,2020-09-09)。', '文章002(鹽田融媒,2020-09-09)。', 'Article 002 (Yantian Media, 2020-09-09).') },
    },
  },
];
