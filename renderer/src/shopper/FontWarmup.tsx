import type { ContentManifest } from '../../../contract/content.ts';
import { LOCALES } from '../../../contract/locale.ts';

// Common glyphs in each script, so the system CJK fonts are loaded and shaped before the
// first lift instead of on it (a cold CJK font can cost a frame or more).
const SAMPLES: Record<(typeof LOCALES)[number], string> = {
  'zh-CN': '拿起商品了解它的故事产地帮扶县乡农户价格扫码下单溯源码认证茶油腐竹大米鸡蛋花椒苹果马铃薯百合莓茶黄酒东源永顺陇南',
  'zh-TW': '拿起商品了解它的故事產地幫扶縣鄉農戶價格掃碼下單溯源碼認證茶油腐竹大米雞蛋花椒蘋果馬鈴薯百合莓茶黃酒東源永順隴南',
  en: 'Pick up a product to discover its story ¥0123456789',
};

/** Invisible text in every locale's glyphs (regular and bold), laid out but never seen. */
export function FontWarmup({ content }: { content: ContentManifest | null }) {
  return (
    <div className="font-warmup" aria-hidden="true">
      {LOCALES.map((l) => (
        <p key={l} lang={l}>
          <span>{SAMPLES[l]}</span>
          <b>{SAMPLES[l]}</b>
          {content?.products.map((p) => (
            <b key={p.id}>{p.name[l] ?? p.name['zh-CN']}</b>
          ))}
        </p>
      ))}
    </div>
  );
}
