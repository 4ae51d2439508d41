import { useEffect, useRef } from 'react';
import { displayShaOf } from '../api/authoring-api.ts';
import { useApp } from '../shell/app-context.ts';
import { formatBytes, libraryAssets, Thumb, type MediaKind } from './MediaTile.tsx';
import { UploadButton } from './UploadButton.tsx';

const WORDS: Record<MediaKind, { title: string; empty: string }> = {
  image: { title: '选择图片 · Pick an image', empty: '媒体库里没有图片：先上传一张。· No images yet: upload one.' },
  video: { title: '选择视频 · Pick a video', empty: '媒体库里没有视频：先上传一个 MP4 或 WebM（≤ 50 MB）。· No videos yet: upload an MP4 or WebM (≤ 50 MiB).' },
};

/** A modal media library: pick an image (its display rendition is what the record references) or a video, or upload one. */
export function MediaPicker({ onPick, onClose, kind = 'image' }: { onPick: (sha: string) => void; onClose: () => void; kind?: MediaKind }) {
  const { catalogue } = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    d?.showModal();
    return () => d?.close();
  }, []);
  const assets = libraryAssets(catalogue.media, kind);
  return (
    <dialog ref={ref} className="dialog wide" onClose={onClose} data-testid="media-picker" data-kind={kind}>
      <header className="dialog-head">
        <h2>{WORDS[kind].title}</h2>
        <UploadButton kind={kind} onUploaded={(a) => onPick(displayShaOf(a))} />
        <button type="button" className="btn" onClick={onClose}>
          关闭 Close
        </button>
      </header>
      {assets.length === 0 ? (
        <p className="muted">{WORDS[kind].empty}</p>
      ) : (
        <ul className="media-grid">
          {assets.map((a) => (
            <li key={a.sha256}>
              <button type="button" className="media-tile" data-sha={a.sha256} onClick={() => onPick(displayShaOf(a))}>
                <Thumb sha={a.sha256} media={catalogue.media} />
                <span className="media-name">{a.name ?? a.sha256.slice(0, 12)}</span>
                <span className="muted small">
                  {a.width !== undefined && a.height !== undefined ? `${a.width}×${a.height} · ` : ''}
                  {formatBytes(a.bytes)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </dialog>
  );
}
