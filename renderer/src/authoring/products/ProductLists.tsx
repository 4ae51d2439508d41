import { useContext, useState } from 'react';
import type { LocalizedText } from '../../../../contract/locale.ts';
import { FieldError, IssuesContext, LocalizedInput } from '../form/fields.tsx';
import { pathKey } from '../form/issues.ts';
import { MediaPicker } from '../media/MediaPicker.tsx';
import { Thumb } from '../media/MediaTile.tsx';
import { useApp } from '../shell/app-context.ts';

type Figure = { label: LocalizedText; value: LocalizedText };
const EMPTY: LocalizedText = { 'zh-CN': '' };
const MAX_FIGURES = 4;

/** Moves item `i` by `by` places. */
function moved<T>(list: readonly T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(i, 1);
  if (item !== undefined) next.splice(j, 0, item);
  return next;
}

/** The product's images in order (the first is the hero), from the media library. */
export function ImagesField({ images, onChange }: { images: readonly string[]; onChange: (v: string[]) => void }) {
  const { catalogue } = useApp();
  const [picking, setPicking] = useState(false);
  const issues = useContext(IssuesContext);
  const messages = issues.get('images') ?? [];
  return (
    <div className="field wide" data-field="images">
      <span className="field-label">图片 Images · 第一张为主图 the first is the main picture</span>
      <ul className="image-strip" data-testid="images">
        {images.map((sha, i) => (
          <li key={sha} className="image-item">
            <Thumb sha={sha} media={catalogue.media} alt={`image ${i + 1}`} />
            <div className="image-actions">
              <button type="button" className="icon" aria-label="左移 move left" disabled={i === 0} onClick={() => onChange(moved(images, i, -1))}>
                ←
              </button>
              <button type="button" className="icon" aria-label="右移 move right" disabled={i === images.length - 1} onClick={() => onChange(moved(images, i, 1))}>
                →
              </button>
              <button type="button" className="icon" aria-label="移除 remove" onClick={() => onChange(images.filter((_, k) => k !== i))}>
                ×
              </button>
            </div>
            <FieldError messages={issues.get(pathKey(['images', i])) ?? []} />
          </li>
        ))}
        <li>
          <button type="button" className="add-tile" data-testid="add-image" onClick={() => setPicking(true)}>
            ＋ 添加图片
            <br />
            Add image
          </button>
        </li>
      </ul>
      <FieldError messages={messages} />
      {picking && (
        <MediaPicker
          onClose={() => setPicking(false)}
          onPick={(sha) => {
            setPicking(false);
            if (!images.includes(sha)) onChange([...images, sha]);
          }}
        />
      )}
    </div>
  );
}

/** Up to four key figures of the story (label and value, each in three locales). */
export function FiguresField({ figures, onChange }: { figures: readonly Figure[] | undefined; onChange: (v: Figure[] | undefined) => void }) {
  const list = figures ?? [];
  const set = (i: number, f: Figure) => onChange(list.map((x, k) => (k === i ? f : x)));
  return (
    <div className="field wide sublist" data-field="story.figures">
      <span className="field-label">
        关键数字 Key figures · 最多 {MAX_FIGURES} 项 up to {MAX_FIGURES}
      </span>
      {list.map((f, i) => (
        <div key={i} className="subitem" data-testid={`figure-${i}`}>
          <div className="subitem-head">
            <strong>#{i + 1}</strong>
            <button type="button" className="btn small" onClick={() => onChange(list.length === 1 ? undefined : list.filter((_, k) => k !== i))}>
              移除 Remove
            </button>
          </div>
          <LocalizedInput label="名称 Label（如 带动农户）" path={['story', 'figures', i, 'label']} value={f.label} onChange={(label) => set(i, { ...f, label: label ?? EMPTY })} />
          <LocalizedInput label="数值 Value（如 1,200 户）" path={['story', 'figures', i, 'value']} value={f.value} onChange={(value) => set(i, { ...f, value: value ?? EMPTY })} />
        </div>
      ))}
      {list.length < MAX_FIGURES && (
        <button type="button" className="btn small" data-testid="add-figure" onClick={() => onChange([...list, { label: EMPTY, value: EMPTY }])}>
          ＋ 添加数字 Add a figure
        </button>
      )}
    </div>
  );
}

/** Certifications (绿色食品, 有机产品 …), each in three locales. */
export function CertificationsField({ certifications, onChange }: { certifications: readonly LocalizedText[]; onChange: (v: LocalizedText[]) => void }) {
  return (
    <div className="field wide sublist" data-field="certifications">
      {certifications.map((c, i) => (
        <div key={i} className="subitem">
          <div className="subitem-head">
            <strong>#{i + 1}</strong>
            <button type="button" className="btn small" onClick={() => onChange(certifications.filter((_, k) => k !== i))}>
              移除 Remove
            </button>
          </div>
          <LocalizedInput label="认证名称 Certification" path={['certifications', i]} value={c} onChange={(v) => onChange(certifications.map((x, k) => (k === i ? (v ?? EMPTY) : x)))} />
        </div>
      ))}
      <button type="button" className="btn small" onClick={() => onChange([...certifications, EMPTY])}>
        ＋ 添加认证 Add a certification
      </button>
    </div>
  );
}
